"""The journey model: departments, personas and journeys as editors write them.

Three kinds of file, one model each: ``departments.yml`` (:class:`DepartmentsFile`),
``personas/*.yml`` (:class:`Persona`) and ``maps/*.yml`` (:class:`Journey`).
Ownership (`department`) left out on a touchpoint, pain point, love point or
backstage process falls back to the step's and then the journey's department.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .fields import MOODS, Day, Flag, Number, PositiveInt, Rating, Slug, Text, TextOrNumber, Url, fail, slugify

DEFAULT_STAGES = ("awareness", "consideration", "decision", "purchase", "post-purchase")
Severity = Literal["low", "medium", "high", "critical"]
Level = Literal["low", "medium", "high"]
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class Record(BaseModel):
    """Base of every block an editor writes: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=False)


class Department(Record):
    """A department that owns touchpoints, pain points, measures and processes."""

    id: Slug
    name: Text
    description: Text | None = None
    lead: Text | None = None
    contact: Text | None = None


class DepartmentsFile(Record):
    """``departments.yml``: every department of the company."""

    departments: list[Department] = Field(min_length=1)


class Persona(Record):
    """A customer type: who walks the journeys."""

    id: Slug
    name: Text
    segment: Text
    description: Text
    demographics: dict[str, TextOrNumber] = Field(default_factory=dict)
    goals: list[Text] = Field(default_factory=list)
    needs: list[Text] = Field(default_factory=list)
    pain_points: list[Text] = Field(default_factory=list)
    channels: list[Text] = Field(default_factory=list)
    behaviours: list[Text] = Field(default_factory=list)
    quote: Text | None = None
    image: Url | None = None
    department: Slug | None = None
    last_reviewed: Day | None = None
    review_interval_months: PositiveInt = 12
    body: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})


class Touchpoint(Record):
    """Where a step happens: a channel, owned by a department."""

    channel: Text
    name: Text | None = None
    medium: Literal["digital", "physical"] = "digital"
    department: Slug | None = None
    important: Flag = False

    @property
    def label(self) -> str:
        return self.name or self.channel


class LovePoint(Record):
    """A high point of the experience."""

    text: Text
    severity: Severity = "medium"
    department: Slug | None = None


class PainPoint(Record):
    """A low point of the experience; measures address it by id."""

    id: Slug | None = None
    text: Text
    severity: Severity = "medium"
    department: Slug | None = None


class BackstageProcess(Record):
    """Service blueprint: what happens behind a step, and with which system."""

    process: Text
    system: Text | None = None
    department: Slug | None = None


class Evidence(Record):
    """Research behind a step: exactly one of quote, image, video or document."""

    quote: Text | None = None
    image: Url | None = None
    video: Url | None = None
    document: Url | None = None
    source: Text | None = None
    caption: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Evidence":
        given = [k for k in ("quote", "image", "video", "document") if getattr(self, k) is not None]
        if len(given) != 1:
            raise fail(f"has {len(given)} of quote, image, video, document", "give exactly one of them per evidence item")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("quote", "image", "video", "document") if getattr(self, k) is not None)


class Step(Record):
    """One thing the customer does, with what they think and feel."""

    id: Slug | None = None
    name: Text
    does: Text | None = None
    thinks: Text | None = None
    feels: Text | None = None
    rating: Rating
    moment_of_truth: Flag = False
    department: Slug | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    love_points: list[LovePoint] = Field(default_factory=list)
    pain_points: list[PainPoint] = Field(default_factory=list)
    opportunities: list[Text] = Field(default_factory=list)
    backstage: list[BackstageProcess] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    next: list[Slug] = Field(default_factory=list)

    @property
    def score(self) -> int:
        """The rating as 1–5 (delighting 5, okay 3, disappointing 1)."""
        return self.rating if isinstance(self.rating, int) else {"disappointing": 1, "okay": 3, "delighting": 5}[self.rating]

    @property
    def mood(self) -> str:
        """The rating as delighting / okay / disappointing (4–5, 3, 1–2)."""
        return self.rating if isinstance(self.rating, str) else MOODS[(self.rating >= 3) + (self.rating >= 4)]


class Stage(Record):
    """An ordered phase of the journey; the five default ids need no name."""

    id: Slug
    name: Text | None = None
    description: Text | None = None
    steps: list[Step] = Field(min_length=1)


class Measure(Record):
    """An improvement that addresses pain points or steps."""

    id: Slug | None = None
    title: Text
    addresses: list[Slug] = Field(default_factory=list)
    department: Slug | None = None
    effort: Level = "medium"
    impact: Level = "medium"
    quick_win: Flag | None = None
    status: Literal["idea", "planned", "in-progress", "done"] = "idea"
    due: Day | None = None

    @property
    def is_quick_win(self) -> bool:
        """Explicit flag, else low effort with medium or high impact."""
        return self.quick_win if self.quick_win is not None else self.effort == "low" and self.impact != "low"


class Kpi(Record):
    """How success is measured: target against current value."""

    id: Slug | None = None
    name: Text
    definition: Text
    source: Text
    target: Number
    current: Number | None = None
    unit: Text | None = None
    better: Literal["higher", "lower"] = "higher"
    department: Slug | None = None

    @property
    def met(self) -> bool | None:
        if self.current is None:
            return None
        return self.current >= self.target if self.better == "higher" else self.current <= self.target


class Journey(Record):
    """A customer journey map: stages of steps, measures and KPIs."""

    id: Slug
    title: Text
    personas: list[Slug] = Field(min_length=1)
    segment: Text
    scenario: Text
    start: Text
    end: Text
    department: Slug
    status: Literal["draft", "published", "archived"] = "draft"
    kind: Literal["current", "target"] = "current"
    improves: Slug | None = None
    last_reviewed: Day
    review_interval_months: PositiveInt = 12
    tags: list[Text] = Field(default_factory=list)
    stages: list[Stage] = Field(min_length=1)
    measures: list[Measure] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    body: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})

    @model_validator(mode="after")
    def _fill_defaults(self) -> "Journey":
        for stage in self.stages:
            for step in stage.steps:
                step.id = step.id or slugify(step.name)
                owner = step.department or self.department
                for item in (*step.touchpoints, *step.love_points, *step.pain_points, *step.backstage):
                    item.department = item.department or owner
                for number, pain in enumerate(step.pain_points, 1):
                    pain.id = pain.id or f"{step.id}-pain-{number}"
        for item in (*self.measures, *self.kpis):
            item.department = item.department or self.department
        for measure in self.measures:
            measure.id = measure.id or slugify(measure.title)
        for kpi in self.kpis:
            kpi.id = kpi.id or slugify(kpi.name)
        return self

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    @property
    def pain_points(self) -> list[tuple[Step, PainPoint]]:
        return [(step, pain) for step in self.steps for pain in step.pain_points]

    @property
    def review_due(self) -> dt.date:
        """The date by which the journey should be reviewed again."""
        return add_months(self.last_reviewed, self.review_interval_months)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


FILE_KINDS: dict[str, type[Record]] = {"departments": DepartmentsFile, "persona": Persona, "journey": Journey}
