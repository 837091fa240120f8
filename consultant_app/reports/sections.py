"""The report's content, section by section, as reportlab flowables built from ``ReportData``.

Everything shown here comes from ``ReportData``, which is already filtered by the
confidentiality rules; this module only lays it out.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from consultant_app.analysis.quotes import Quote, shorten
from consultant_app.analysis.report_data import ReportData
from consultant_app.analysis.statistics import Tally
from consultant_app.domain.taxonomy import REPORT_SECTIONS
from consultant_app.domain.wording import agree, plural
from consultant_app.reports import charts
from consultant_app.reports.fonts import BODY, safe_markup
from consultant_app.reports.layout import CONTENT_W
from consultant_app.reports.styles import RULE, TINT, Brand

MAX_CELL_CHARS = 120  # a name, company or group longer than this is cut with […] in tables
MAX_NAME_IN_TEXT = 60  # … and in a sentence


class SectionWriter:
    def __init__(self, data: ReportData, brand: Brand, styles: dict) -> None:
        self.data, self.brand, self.s = data, brand, styles

    # helpers ---------------------------------------------------------------------------------
    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(safe_markup(text), self.s[style])

    def h1(self, key: str) -> list:
        return [Paragraph(REPORT_SECTIONS[key], self.s["h1"])]

    def h2(self, text: str) -> Paragraph:
        return Paragraph(safe_markup(text), self.s["h2"])

    def tally_chart(self, t: Tally | None, empty: str) -> list:
        if not t or not t.rows:
            return [self.p(empty, "small")]
        return [charts.bar_chart(t.share_bars(), CONTENT_W, self.brand.accent)]

    def quotes(self, quotes: list[Quote], empty: str = "No highlighted quotes in this period.") -> list:
        if not quotes:
            return [self.p(empty, "small")]
        out = []
        for q in quotes:
            detail = shorten(q.attribution or ("; ".join(q.themes) if q.themes else ""), MAX_CELL_CHARS)
            cell = [self.p(f"“{q.text}”", "quote")] + ([self.p(detail, "attribution")] if detail else [])
            box = Table([[cell]], colWidths=[CONTENT_W])
            box.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), BODY),
                        ("LINEBEFORE", (0, 0), (0, 0), 2.5, colors.HexColor(self.brand.accent)),
                        ("BACKGROUND", (0, 0), (-1, -1), TINT),
                        ("LEFTPADDING", (0, 0), (-1, -1), 12),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                        ("TOPPADDING", (0, 0), (-1, -1), 7),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ]
                )
            )
            out += [box, Spacer(1, 6)]
        return out

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        body = [[Paragraph(safe_markup(h), self.s["cell_head"]) for h in header]]
        body += [[Paragraph(safe_markup(shorten(c, MAX_CELL_CHARS)), self.s["cell"]) for c in row] for row in rows]
        table = Table(body, colWidths=[w * CONTENT_W for w in widths], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BODY),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(self.brand.primary)),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    # sections ------------------------------------------------------------------------------
    def not_enough_data(self) -> list:
        d = self.data
        return self.h1("summary") + [
            self.p(
                f"There is not enough data to show results for {d.client.name} in {d.period_label()} without "
                f"identifying people.",
                "lead",
            ),
            self.p(
                f"{plural(d.completed, 'interview')} {agree(d.completed, 'was', 'were')} completed in the period; "
                f"results are shown only when at least "
                f"{d.k} candidates took part, so that no answer can be traced back to one person. Widen the period "
                f"or wait for more interviews."
            ),
        ]

    def summary(self) -> list:
        d = self.data
        kpis = Table(
            [[[Paragraph(v, self.s["kpi"]), Paragraph(k.upper(), self.s["kpi_label"])] for v, k in d.headline()]],
            colWidths=[CONTENT_W / 4] * 4,
        )
        kpis.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BODY),
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LINEBEFORE", (1, 0), (-1, 0), 4, colors.white),
                    ("TOPPADDING", (0, 0), (-1, -1), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        out = self.h1("summary") + [kpis, Spacer(1, 14)]
        bullets = []
        if d.reasons and d.reasons.top(3):
            bullets.append(
                "Top reasons for declining: "
                + ", ".join(f"{n.lower()} ({s:.0%})" for n, _, s in d.reasons.top(3))
                + "."
            )
        if d.strengths and d.strengths.top(3):
            bullets.append("Strengths candidates named most: " + _names(n for n, _, _ in d.strengths.top(3)) + ".")
        if d.weaknesses and d.weaknesses.top(3):
            bullets.append("Weaknesses named most: " + _names(n for n, _, _ in d.weaknesses.top(3)) + ".")
        if d.competitors:
            named = [c for c in d.competitors if c.company != "Other"][:2]
            if named:
                bullets.append("Competitors that won candidates most often: " + _names(c.company for c in named) + ".")
        out += [Paragraph(safe_markup(b), self.s["bullet"], bulletText="•") for b in bullets]
        if d.recommend:
            out += [
                self.h2("Would candidates recommend you?"),
                self.p(
                    f"Recommendation score {d.recommend.score:+.0f} on a scale from −100 to +100: the share of "
                    f"candidates who would recommend the company (9–10 out of 10) minus those who would not (0–6); "
                    f"{plural(d.recommend.n, 'answer')}."
                ),
            ]
            if d.recommend_split:
                r = d.recommend
                out.append(charts.recommend_chart(r.promoters, r.passives, r.detractors, CONTENT_W, self.brand.accent))
            else:
                out.append(
                    self.p(
                        f"The split into promoters, passives and detractors is not shown, as one of them holds fewer "
                        f"than {d.k} candidates.",
                        "caption",
                    )
                )
        if d.summary_text:
            out += [self.h2("Consultant's summary"), self.p(d.summary_text)]
        return out

    def reasons(self) -> list:
        d = self.data
        out = self.h1("reasons") + [
            self.p(
                f"Share of the {d.completed} completed interviews in which the candidate named each reason "
                f"(several reasons per candidate are possible).",
                "lead",
            )
        ]
        out += self.tally_chart(d.reasons, "No decline reasons were recorded.")
        if d.trend_periods:
            unit = "quarter" if d.trend_by_quarter else "month"
            out += [
                CondPageBreak(230),
                self.h2(f"Trend of the top reasons by {unit}"),
                charts.trend_chart(d.trend_periods, d.trend_series, CONTENT_W, self.brand.accent),
                self.p(
                    f"Share of interviews in each {unit} naming the reason; {unit}s with fewer than {d.k} "
                    f"interviews are not shown.",
                    "caption",
                ),
            ]
        return out

    def right_wrong(self) -> list:
        d = self.data
        out = self.h1("right_wrong")
        if d.ratings:
            out += [
                self.h2("Ratings of the hiring experience"),
                charts.ratings_chart(d.ratings, CONTENT_W, self.brand.accent),
                self.p(
                    "Mean rating from 1 (poor) to 5 (excellent); the bar spans one standard deviation either "
                    "side; n is the number of candidates who rated the dimension.",
                    "caption",
                ),
            ]
        out += [CondPageBreak(160), self.h2("What candidates valued")] + self.tally_chart(
            d.strengths, "No strengths were tagged."
        )
        out += [KeepTogether([self.h2("In their words: what went right")] + self.quotes(d.quotes.get("right", [])))]
        out += [CondPageBreak(160), self.h2("What put candidates off")] + self.tally_chart(
            d.weaknesses, "No weaknesses were tagged."
        )
        out += [self.h2("In their words: what went wrong")] + self.quotes(d.quotes.get("wrong", []))
        return out

    def competitors(self) -> list:
        d = self.data
        out = self.h1("competitors")
        if d.competitors:
            out += [
                self.p(
                    "Companies whose offers the candidates accepted instead, with how their salary offers "
                    "compared with yours.",
                    "lead",
                )
            ]
            rows = [(c.company, charts.as_printed(c.share, ".0%"), f"{c.share:.0%}  ({c.wins})") for c in d.competitors]
            out += [charts.bar_chart(rows, CONTENT_W, self.brand.accent)]
            table_rows = [
                [
                    c.company,
                    f"{c.wins}",
                    f"{c.share:.0%}",
                    f"{c.salary_gap:+.0%} (n={c.salary_n})" if c.salary_gap is not None else "not enough data",
                ]
                for c in d.competitors
            ]
            out += [
                Spacer(1, 6),
                self.table(
                    ["Company", "Candidates won", "Share of interviews", "Their salary vs. your offer"],
                    table_rows,
                    [0.34, 0.18, 0.2, 0.28],
                ),
            ]
        else:
            out += [self.p("No competing company was named often enough to show in this period.", "lead")]
        out += [CondPageBreak(160), self.h2("What they offered")] + self.tally_chart(
            d.competitor_themes, "No themes were tagged."
        )
        out += [self.h2("In their words")] + self.quotes(d.quotes.get("competitors", []))
        return out

    def extra(self) -> list:
        d = self.data
        out = (
            self.h1("extra")
            + [self.h2("Themes in open feedback")]
            + self.tally_chart(d.extra_themes, "No themes were tagged.")
        )
        out += [self.h2("In their words")] + self.quotes(d.quotes.get("extra", []) + d.quotes.get("other", []))
        return out

    def breakdowns(self) -> list:
        d = self.data
        out = self.h1("breakdowns") + [
            self.p(
                f"Results by role attribute. Groups with fewer than {d.k} respondents are combined into “Other”; so "
                f"are further groups wherever the rows shown would otherwise let a reader work out a smaller group "
                f"by subtraction, from the total or from another table.",
                "lead",
            )
        ]
        for title, rows in d.breakdowns.items():
            if not rows:
                continue
            body = [
                [
                    r.group,
                    f"{r.n}",
                    f"{r.top_reason} ({r.top_share:.0%})" if r.top_reason else "—",
                    f"{r.recommend:+.0f}" if r.recommend is not None else "—",
                ]
                for r in rows
            ]
            out += [
                KeepTogether(
                    [
                        self.h2(title),
                        self.table(
                            [title, "Respondents", "Top reason", "Recommendation score"], body, [0.3, 0.16, 0.34, 0.2]
                        ),
                    ]
                )
            ]
        return out

    def method(self) -> list:
        d = self.data
        out = self.h1("method") + [
            self.p(
                f"This report covers interviews dated {d.period_label()}: {plural(d.offers_declined, 'candidate')} "
                f"who declined "
                f"an offer, {d.contacted} contacted for an interview, {plural(d.completed, 'interview')} completed "
                f"(response rate {d.response_rate:.0%}, completed ÷ contacted)."
            ),
            self.p(
                "Decline reasons and ratings come from the structured part of each interview; themes are tags the "
                "consultant set on notes during the call. Shares are of completed interviews; a candidate can name "
                "several reasons and themes."
            ),
            self.h2("Confidentiality"),
            self.p(
                f"Candidates chose how they may be identified. Quotes appear only where the candidate allowed their "
                f"words to be shared. In them, people's names, e-mail addresses, phone numbers, links, identity "
                f"numbers and addresses are replaced by placeholders such as [name] or [phone] (a candidate who "
                f"agreed to be named keeps only their own name), and competitors named by fewer than {d.k} "
                f"respondents by [another company]. Notes meant for statistics only are counted but never quoted, "
                f"and the consultants' internal notes are excluded entirely. Candidates who withdrew their consent "
                f"are not included. No chart or table shows a group of fewer than {d.k} respondents."
            ),
            self.p(
                f"Nor can one be worked out by subtraction. Where a table's rows, added up, would fall short of "
                f"its total (or of a row of another table, or of a figure elsewhere in the report) by fewer than "
                f"{d.k} people, further rows are combined into “Other” or left out until the gap is none or at "
                f"least {d.k}, as statistical offices do (secondary suppression); every figure in the report was "
                f"checked against every other in this way. Charts are drawn to the precision of their labels "
                f"(shares to the whole percent, ratings to one decimal), so no exact value can be measured off them."
            ),
            self.p(
                f"The period is given in whole months. Every report and dataset {_names([d.firm.name])} sends "
                f"you is recorded in its release ledger, and none, set against the earlier ones, singles out fewer "
                f"than {d.k} people, so comparing releases reveals no one."
            ),
            self.p(
                f"Every quote in this report was read and approved by a person at {_names([d.firm.name])} "
                "before release."
                if d.quotes_reviewed
                else "Quotes were redacted automatically; they were not each approved by a person before release."
            ),
        ]
        if d.suppressed:
            out += [self.h2("What was combined or left out")]
            out += [Paragraph(safe_markup(s), self.s["bullet"], bulletText="•") for s in d.suppressed]
        return out


def _names(names) -> str:
    return ", ".join(shorten(n, MAX_NAME_IN_TEXT) for n in names)
