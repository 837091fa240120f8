"""The fixed vocabularies of Debrief, each a stable code with a readable label.

Codes are what the store, the interchange format and datasets carry; labels are what people
read. Codes never change once released; labels may be reworded.
"""

from __future__ import annotations

DECLINE_REASONS: dict[str, str] = {
    "compensation": "Compensation",
    "benefits": "Benefits",
    "competing_offer": "Competing offer",
    "counter_offer": "Counter-offer from current employer",
    "process_speed": "Speed of the process",
    "candidate_experience": "Candidate experience",
    "interviewers": "Interviewers",
    "role_clarity": "Role clarity",
    "career_growth": "Career growth",
    "location": "Location",
    "flexibility": "Flexibility and remote work",
    "culture": "Culture",
    "reputation": "Employer reputation",
    "leadership_access": "Access to leadership",
    "job_security": "Job security",
    "personal": "Personal circumstances",
    "timing": "Timing",
    "other": "Other",
}

RATING_DIMENSIONS: dict[str, str] = {
    "compensation": "Compensation",
    "benefits": "Benefits",
    "role_clarity": "Role clarity",
    "process_speed": "Process speed",
    "communication": "Communication",
    "interviewers": "Interviewers",
    "leadership_access": "Access to leadership",
    "reputation": "Reputation",
    "flexibility": "Flexibility",
}
RATING_MIN, RATING_MAX = 1, 5
RECOMMEND_MIN, RECOMMEND_MAX = 0, 10

NOTE_SECTIONS: dict[str, str] = {
    "right": "What went right",
    "wrong": "What went wrong",
    "competitors": "Competitors",
    "extra": "Extra feedback",
    "other": "Other",
}

INTERVIEW_STATUSES: dict[str, str] = {
    "scheduled": "Scheduled",
    "completed": "Completed",
    "no_answer": "No answer",
    "refused": "Refused",
    "withdrawn": "Withdrawn",
}

DISCLOSURES: dict[str, str] = {
    "named": "Named",
    "confidential": "Confidential",
    "anonymous": "Anonymous",
}

VISIBILITIES: dict[str, str] = {
    "shareable": "Shareable",
    "aggregate": "Aggregate only",
    "internal": "Internal",
}


def next_visibility(visibility: str) -> str:
    """The visibility after this one, in the order F4 cycles through them."""
    order = list(VISIBILITIES)
    return order[(order.index(visibility) + 1) % len(order)]


# the report summary's headline figures, as the report and the client dashboard caption them
HEADLINE = ("Offers declined", "Interviews completed", "Response rate", "Recommendation score")

REPORT_SECTIONS: dict[str, str] = {
    "cover": "Cover and contents",
    "summary": "Executive summary",
    "reasons": "Why candidates said no",
    "right_wrong": "What you are doing right and wrong",
    "competitors": "How other companies compare",
    "extra": "Extra feedback",
    "breakdowns": "Breakdowns",
    "method": "Method and confidentiality",
}

CHANNELS: dict[str, str] = {
    "phone": "Phone",
    "video": "Video call",
    "in_person": "In person",
    "email": "E-mail",
}

WORK_MODES: dict[str, str] = {
    "onsite": "On-site",
    "hybrid": "Hybrid",
    "remote": "Remote",
}

LEVELS: dict[str, str] = {
    "intern": "Intern",
    "junior": "Junior",
    "mid": "Mid-level",
    "senior": "Senior",
    "lead": "Lead",
    "manager": "Manager",
    "director": "Director",
    "executive": "Executive",
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The readable label of a code, or the code itself when it is not in the vocabulary."""
    if code is None:
        return ""
    return vocabulary.get(code, code)


DEFAULT_GUIDE_QUESTIONS: dict[str, list[str]] = {
    "right": [
        "What did you enjoy most about the hiring process?",
        "Which people or moments made a good impression?",
        "What would you tell a friend who applies here?",
    ],
    "wrong": [
        "What made you hesitate about the offer?",
        "Was anything unclear, slow or frustrating along the way?",
        "How did the offer compare with what you expected?",
    ],
    "competitors": [
        "Which offer did you accept, and what made it stand out?",
        "How did salary, benefits and flexibility compare?",
        "How did their process feel compared with ours?",
    ],
    "extra": [
        "Is there anything we did not ask that you would like to share?",
        "Would you consider this company again in the future?",
    ],
    "other": [],
}
