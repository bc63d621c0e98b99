"""The data model shared by every stage: checklists, answers and evaluation results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NamedTuple

from checker import conditions
from checker.conditions import Condition
from checker.constants import RISKS
from checker.diagnostics import Diagnostic, Position
from checker.records import Record

_START = Position()

NUMERIC_KINDS = frozenset({"count", "number", "percent"})


class Risk(StrEnum):
    """How much a finding matters; ordered low < medium < high (:data:`RISKS`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """1 for low, 2 for medium, 3 for high: the higher, the more severe."""
        return len(RISKS) - RISKS.index(self.value)


class Choice(NamedTuple):
    id: str
    label: str


class Band(NamedTuple):
    """A numeric band: ``at_least <= value < below`` gives ``points``."""

    points: float
    at_least: float | None = None
    below: float | None = None

    def holds(self, value: float) -> bool:
        return (self.at_least is None or value >= self.at_least) and (
            self.below is None or value < self.below
        )


def best_points(kind: str, points: dict[Any, float] | tuple[Band, ...] | None) -> float:
    """The best points an answer can earn (0 when the question does not score)."""
    if points is None:
        return 0.0
    if isinstance(points, tuple):
        return max((b.points for b in points), default=0.0)
    if kind == "multi-choice":
        best = 0.0
        for v in points.values():
            if v > 0:
                best += v
        return best
    return float(max(points.values(), default=0.0))


class Question(Record):
    __slots__ = (
        "changed",
        "choices",
        "help",
        "id",
        "index",
        "kind",
        "max_points",
        "pitfalls",
        "points",
        "position",
        "prompt",
        "required",
        "section",
        "show_if",
    )

    def __init__(
        self,
        id: str,
        prompt: str,
        kind: str,
        section: str,
        index: int,
        help: str = "",
        required: bool = True,
        choices: tuple[Choice, ...] = (),
        points: dict[Any, float] | tuple[Band, ...] | None = None,
        show_if: Condition | None = None,
        changed: tuple[int, int] | None = None,
        pitfalls: tuple[str, ...] = (),
        position: Position = _START,
    ) -> None:
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.section = section
        self.index = index
        self.help = help
        self.required = required
        self.choices = choices
        self.points = points
        self.show_if = show_if
        self.changed = changed
        self.pitfalls = pitfalls
        self.position = position
        self.max_points = best_points(kind, points)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @property
    def scores(self) -> bool:
        return self.points is not None and self.max_points > 0


class Section(Record):
    __slots__ = ("id", "questions", "summary", "title", "weight")

    def __init__(
        self,
        id: str,
        title: str,
        questions: list[Question],
        weight: float = 1.0,
        summary: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.questions = questions
        self.weight = weight
        self.summary = summary


class FindingRule(Record):
    __slots__ = ("advice", "id", "pitfall", "pitfall_position", "position", "risk", "title", "when")

    def __init__(
        self,
        id: str,
        title: str,
        pitfall: str,
        risk: Risk,
        when: Condition,
        advice: str,
        position: Position = _START,
        pitfall_position: Position = _START,
    ) -> None:
        self.id = id
        self.title = title
        self.pitfall = pitfall
        self.risk = risk
        self.when = when
        self.advice = advice
        self.position = position
        self.pitfall_position = pitfall_position


class Level(NamedTuple):
    """A band of the overall score: up to ``below`` (exclusive) or ``at_most`` (inclusive);
    the last level has neither and holds every higher score. A level with ``no_open_high``
    (and the top level, always) is never given beside an open high-risk finding."""

    name: str
    below: float | None = None
    summary: str = ""
    at_most: float | None = None
    no_open_high: bool = False

    @property
    def bound(self) -> float | None:
        return self.below if self.below is not None else self.at_most

    def holds(self, overall: float) -> bool:
        if self.below is not None:
            return overall < self.below
        return self.at_most is None or overall <= self.at_most


class Scoring(NamedTuple):
    aggregate: str
    levels: tuple[Level, ...]
    unit: str = "percent"
    """``percent`` (100 x earned / maximum per section) or ``points`` (the share earned of the
    applicable points, on the section's full scale of points)."""

    def strict(self, index: int) -> bool:
        """Whether level ``index`` needs no open high-risk finding: the top level (when there
        is more than one) and every level marked ``no_open_high``."""
        top = index == len(self.levels) - 1 and index > 0
        return top or self.levels[index].no_open_high


class Checklist(Record):
    __slots__ = (
        "applicability",
        "findings",
        "id",
        "path",
        "raw",
        "scoring",
        "sections",
        "summary",
        "title",
        "version",
    )
    _unshown = ("raw",)  # the file's data as loaded: too long for a repr

    def __init__(
        self,
        id: str,
        version: tuple[int, int, int],
        title: str,
        summary: str,
        sections: list[Section],
        findings: list[FindingRule],
        scoring: Scoring,
        path: str = "",
        raw: dict[str, Any] | None = None,
        applicability: str = "",
    ) -> None:
        self.applicability = applicability
        self.id = id
        self.version = version
        self.title = title
        self.summary = summary
        self.sections = sections
        self.findings = findings
        self.scoring = scoring
        self.path = path
        self.raw = {} if raw is None else raw

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    def question_list(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def visible_questions(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Ids of the questions shown for these answers (``show_if`` true, or none)."""

        def value_of(qid: str) -> Any:
            v = values.get(qid)
            return None if isinstance(v, NotApplicable) else v

        return conditions.visible(
            ((q.id, q.show_if) for q in self.question_list()),
            value_of,
            lambda qid: values.get(qid) is not None,
        )

    def finding(self, finding_id: str) -> FindingRule | None:
        return next((f for f in self.findings if f.id == finding_id), None)


class NotApplicable(NamedTuple):
    """An answer of "not applicable", with the team's reason."""

    reason: str


class Exemption(NamedTuple):
    finding: str
    owner: str
    reason: str
    expires: dt.date
    position: Position = _START


class Answers(Record):
    """A team's answers to one checklist, normalised (yes-no answers are booleans).
    ``not_applicable`` is the team's reason when the whole checklist does not apply."""

    __slots__ = (
        "answered_version",
        "assessed",
        "checklist_id",
        "evidence",
        "exemptions",
        "file_position",
        "not_applicable",
        "notes",
        "path",
        "positions",
        "team",
        "team_position",
        "values",
    )

    def __init__(
        self,
        path: str,
        checklist_id: str,
        answered_version: tuple[int, int],
        team: str,
        assessed: str,
        values: dict[str, Any],
        notes: dict[str, str],
        evidence: dict[str, tuple[str, ...]],
        exemptions: list[Exemption],
        positions: dict[str, Position],
        file_position: Position = _START,
        team_position: Position = _START,
        not_applicable: str | None = None,
    ) -> None:
        self.not_applicable = not_applicable
        self.path = path
        self.checklist_id = checklist_id
        self.answered_version = answered_version
        self.team = team
        self.assessed = assessed
        self.values = values
        self.notes = notes
        self.evidence = evidence
        self.exemptions = exemptions
        self.positions = positions
        self.file_position = file_position
        self.team_position = team_position

    def position(self, question_id: str) -> Position:
        return self.positions.get(question_id, self.file_position)


class Status(StrEnum):
    OPEN = "open"
    EXEMPTED = "exempted"


class Trigger(NamedTuple):
    question: str
    position: Position


class Finding(Record):
    """A finding rule that fired on a team's answers."""

    __slots__ = ("advice", "exemption", "id", "pitfall", "risk", "status", "title", "triggers")

    def __init__(
        self,
        id: str,
        title: str,
        pitfall: str,
        risk: Risk,
        advice: str,
        status: Status,
        triggers: list[Trigger],
        exemption: Exemption | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.pitfall = pitfall
        self.risk = risk
        self.advice = advice
        self.status = status
        self.triggers = triggers
        self.exemption = exemption


class SectionScore(NamedTuple):
    """``earned`` of ``maximum`` applicable points; ``full`` is the section's best with every
    scoring question applicable (the scale of a ``points`` section)."""

    id: str
    title: str
    weight: float
    earned: float
    maximum: float
    unit: str = "percent"
    full: float = 0.0

    @property
    def scale(self) -> float:
        """The best score: 100 for percent; the full points for points (so N/A rescales)."""
        return self.full if self.unit == "points" else 100.0

    def on_scale(self, points: float) -> float:
        """``points`` of the applicable maximum, on the section's scale (points are kept as
        they are when every scoring question applies)."""
        if self.unit == "points" and self.maximum == self.full:
            return points
        return self.scale * points / self.maximum

    @property
    def score(self) -> float | None:
        if self.maximum <= 0:
            return None
        return self.on_scale(self.earned)


class Cost(NamedTuple):
    """Points one answer lost: ``lost`` in its question, ``cost`` of the overall score."""

    question: str
    section: str
    lost: float
    cost: float


class Score(NamedTuple):
    """Scores and the level; ``band`` is the level the score alone holds, and ``capped_by``
    the open high-risk findings that keep the level below it (the level rule)."""

    aggregate: str
    unit: str
    overall: float | None
    level: str | None
    sections: list[SectionScore]
    costs: list[Cost]
    band: str | None = None
    capped_by: tuple[str, ...] = ()


class Evaluation(NamedTuple):
    checklist: Checklist
    answers: Answers
    visible: frozenset[str]
    findings: list[Finding]
    score: Score
    today: dt.date


class FileResult(Record):
    """The outcome of checking one answers file: diagnostics, and an evaluation if valid."""

    __slots__ = ("diagnostics", "evaluation", "path")

    def __init__(
        self, path: str, diagnostics: list[Diagnostic], evaluation: Evaluation | None = None
    ) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.evaluation = evaluation

    @property
    def valid(self) -> bool:
        return self.evaluation is not None and not any(
            d.severity.value == "error" for d in self.diagnostics
        )
