"""The raw material of demo workspaces: client firms, roles, names, competitors, and what
candidates typically say in each section, tagged with codebook themes and decline reasons."""

CLIENTS = [
    ("Northwind Robotics", "Manufacturing", "DACH", "#1F6FB2"),
    ("Helios Health", "Healthcare", "UK & Ireland", "#0E9384"),
    ("Brightline Bank", "Financial services", "Benelux", "#6941C6"),
    ("Quanta Logistics", "Logistics", "Nordics", "#DC6803"),
    ("Verdant Energy", "Energy", "DACH", "#3B7C0F"),
    ("Lumen Retail Group", "Retail", "France", "#C11574"),
    ("Orbital Software", "Technology", "Iberia", "#155EEF"),
    ("Cobalt Insurance", "Insurance", "Italy", "#B42318"),
]

ROLES = [
    ("Senior Backend Engineer", "Engineering", "senior", 85000),
    ("Frontend Developer", "Engineering", "mid", 62000),
    ("Data Scientist", "Data & Analytics", "mid", 70000),
    ("Engineering Manager", "Engineering", "manager", 110000),
    ("Product Manager", "Product", "senior", 90000),
    ("UX Designer", "Design", "mid", 58000),
    ("Financial Analyst", "Finance", "junior", 48000),
    ("HR Business Partner", "People", "senior", 68000),
    ("Sales Executive", "Sales", "mid", 55000),
    ("Head of Marketing", "Marketing", "director", 125000),
    ("Supply Chain Planner", "Operations", "mid", 52000),
    ("Customer Success Lead", "Customer Success", "lead", 64000),
]

LOCATIONS = ["Berlin", "Munich", "London", "Amsterdam", "Stockholm", "Paris", "Madrid", "Milan", "Zurich", "Dublin"]
CURRENCY = {"London": "GBP", "Dublin": "EUR", "Stockholm": "SEK", "Zurich": "CHF"}

FIRST_NAMES = [
    "Alex",
    "Maria",
    "Jonas",
    "Aisha",
    "Liam",
    "Sofia",
    "Mateo",
    "Hannah",
    "Yusuf",
    "Elena",
    "Noah",
    "Chloé",
    "Kenji",
    "Priya",
    "Lukas",
    "Amara",
    "Oscar",
    "Ingrid",
    "Rafael",
    "Zoë",
    "Tomasz",
    "Leila",
    "Emil",
    "Nadia",
    "Björn",
    "Fatima",
    "Giulia",
    "Samuel",
    "Mei",
    "Olusegun",
    "Clara",
    "Dmitri",
    "Ana",
    "Felix",
    "Sara",
    "Jürgen",
]
LAST_NAMES = [
    "Moreno",
    "Schmidt",
    "Okafor",
    "Larsen",
    "Nguyen",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Haddad",
    "Fischer",
    "O'Brien",
    "García",
    "Tanaka",
    "Patel",
    "Jansen",
    "Novak",
    "Lindqvist",
    "Costa",
    "Weber",
    "Mensah",
    "Kaya",
    "Petrov",
    "Silva",
    "Becker",
    "Andersson",
    "Ferrari",
    "Müller",
    "Ahmed",
    "Brennan",
    "Hofmann",
]
CONSULTANTS = ["Sam Lee", "Ruth Abernathy", "Marco Visconti", "Ingrid Halvorsen", "Tobias Kranz"]
HIRING_MANAGERS = ["Dana Whitfield", "Peter Albrecht", "Susan Okoye", "Henrik Dahl", "Claire Fontaine", "Miguel Ortega"]
SOURCES = ["LinkedIn", "Referral", "Careers site", "Agency", "University fair", "Job board"]

COMPETITORS = [
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella Systems",
    "Stark Industries",
    "Wayne Analytics",
    "Tyrell Corporation",
    "Soylent Labs",
    "Hooli",
    "Vandelay Industries",
    "Acme Digital",
]

# (section, theme, decline reason or None, text); {company} is the competitor, {manager} the hiring manager.
STATEMENTS = [
    (
        "right",
        "prepared interviewers",
        None,
        "The interviewers had clearly read my CV and asked sharp, relevant questions.",
    ),
    (
        "right",
        "prepared interviewers",
        None,
        "Every interviewer knew what the previous one had covered, which felt very professional.",
    ),
    ("right", "friendly recruiter", None, "The recruiter was warm and kept me informed at every step."),
    ("right", "friendly recruiter", None, "I always knew who to call, and she answered within a day."),
    ("right", "inspiring mission", None, "I genuinely liked the mission and the product roadmap they showed me."),
    ("right", "strong team", None, "Meeting the team was the highlight; they seemed to enjoy working together."),
    ("right", "clear role", None, "The role description matched what the hiring manager told me in the interview."),
    ("right", "fair assessment", None, "The take-home task was realistic and took an evening, not a weekend."),
    (
        "wrong",
        "slow process",
        "process_speed",
        "It took six weeks from the first call to the offer; by then I had other options.",
    ),
    ("wrong", "slow process", "process_speed", "There were long silences between rounds and nobody told me why."),
    (
        "wrong",
        "salary below market",
        "compensation",
        "The base salary was about ten percent below what the market pays for this level.",
    ),
    (
        "wrong",
        "salary below market",
        "compensation",
        "They would not move on the salary at all, even after I showed the other offer.",
    ),
    (
        "wrong",
        "unclear role",
        "role_clarity",
        "Each interviewer described a slightly different job, so I was never sure what I would own.",
    ),
    ("wrong", "rigid office policy", "flexibility", "Four days in the office was a deal-breaker with my commute."),
    (
        "wrong",
        "rigid office policy",
        "flexibility",
        "Remote work was only allowed after the probation period, which felt like distrust.",
    ),
    (
        "wrong",
        "no leadership contact",
        "leadership_access",
        "I never met anyone above the hiring manager, which made me wonder about visibility.",
    ),
    (
        "wrong",
        "unprepared interviewer",
        "interviewers",
        "One interviewer joined late and clearly had not read my application.",
    ),
    ("wrong", "weak benefits", "benefits", "The pension and health benefits were thin compared with what I have now."),
    ("wrong", "limited growth", "career_growth", "Nobody could explain what the next step after this role would be."),
    (
        "wrong",
        "reputation concerns",
        "reputation",
        "Reviews from former employees worried me, and nobody addressed them.",
    ),
    (
        "wrong",
        "offer communication",
        "candidate_experience",
        "The offer came by e-mail with no call, which felt impersonal.",
    ),
    (
        "wrong",
        "relocation worries",
        "location",
        "Moving the family for this role was too much without relocation support.",
    ),
    (
        "competitors",
        "higher salary elsewhere",
        "competing_offer",
        "{company} offered about fifteen percent more base pay and a signing bonus.",
    ),
    (
        "competitors",
        "faster process elsewhere",
        "competing_offer",
        "{company} made an offer within ten days of the first interview.",
    ),
    (
        "competitors",
        "remote flexibility elsewhere",
        "competing_offer",
        "{company} lets me work fully remote, which decided it.",
    ),
    (
        "competitors",
        "equity elsewhere",
        "competing_offer",
        "{company} included equity that could be worth more in a few years.",
    ),
    (
        "competitors",
        "counter-offer",
        "counter_offer",
        "My current employer made a counter-offer with a promotion I could not refuse.",
    ),
    (
        "competitors",
        "clearer growth elsewhere",
        "career_growth",
        "{company} showed me a concrete promotion path for the next two years.",
    ),
    ("extra", "would reapply", None, "I would happily apply again in a year or two if the right role came up."),
    ("extra", "would reapply", None, "Please keep me in mind; the team left a good impression."),
    (
        "extra",
        "advice on process",
        None,
        "Tell candidates the timeline up front; the uncertainty hurt more than the length.",
    ),
    ("extra", "advice on process", None, "A short call before the offer to discuss numbers would have changed a lot."),
    ("extra", "personal circumstances", "personal", "Family reasons meant I had to stay close to home this year."),
    ("extra", "timing", "timing", "The timing was simply wrong; I had just started a project I wanted to finish."),
]

# Sentences that carry identifying details, to show redaction and the quote review at work in shareable quotes.
IDENTIFYING = [
    ("right", "friendly recruiter", "{manager} was great; you can tell {manager} I said so."),
    ("extra", "would reapply", "If anything opens up, write to me at {email} or call {phone}."),
    ("wrong", "offer communication", "My name is {name} and I only heard back after I chased twice."),
    ("wrong", "offer communication", "I rang {manager} from our flat in Porto twice before anyone sent the numbers."),
]

INTERNAL_ASIDES = [
    "Sounded unsure about relocating; may reconsider next year.",
    "Candidate asked us not to mention the counter-offer to the hiring manager.",
    "Strong profile — flag to the client's talent pool if consent allows.",
    "Was driving during the call; follow up by e-mail on the ratings.",
]

SUMMARIES = [
    "Declined mainly over pay and the length of the process; positive about the team.",
    "Chose a competitor with a faster process and remote work; would consider reapplying.",
    "Counter-offer from the current employer decided it; no strong complaints.",
    "Role felt unclear across interviews; compensation slightly below expectations.",
]
