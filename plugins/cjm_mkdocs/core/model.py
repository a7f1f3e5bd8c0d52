"""The journey model: departments, personas and journeys as editors write them.

Four kinds of file, one model each: ``departments.yml`` (:class:`DepartmentsFile`),
``personas/*.yml`` (:class:`Persona`), ``maps/*.yml`` (:class:`Journey`) and ``research/*.yml``
(:class:`ResearchSource`). Pain points, love points, steps and KPIs cite research sources by id (`sources`):
a statement citing one is validated by research, else assumed.
Ownership (`department`) left out on a touchpoint, pain point, love point or
service blueprint action falls back to the step's and then the journey's department.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .fields import (Day, Flag, HttpsUrl, Number, PageId, PositiveInt, Rating, Slug, Support, Text, TextOrNumber, Url,
                     fail, slugify)
from .messages import t

DEFAULT_STAGES = ("awareness", "consideration", "decision", "purchase", "post-purchase")
Severity = Literal["low", "medium", "high", "critical"]
Level = Literal["low", "medium", "high"]
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
DUE_SOON_DAYS = 30
"""How many days ahead a review counts as "due soon"."""


MOOD_SCORES = {"disappointing": 1, "okay": 3, "delighting": 5}
"""The score (1–5) of each mood word a rating may use."""


def mood_of(score: float) -> str:
    """delighting / okay / disappointing for a score or a mean of scores (from 3.5 delighting, from 2.5 okay)."""
    return "delighting" if score >= 3.5 else "okay" if score >= 2.5 else "disappointing"


class Record(BaseModel):
    """Base of every block an editor writes: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=False, use_attribute_docstrings=True)


class Department(Record):
    """A department that owns touchpoints, pain points, measures and processes."""

    id: PageId
    """Kennung der Abteilung, auf die alle anderen Dateien verweisen. Beispiel: `kundenservice`"""
    name: Text
    """Name, wie er auf der Website erscheint. Beispiel: `Kundenservice`"""
    description: Text | None = None
    """Wofür die Abteilung im Kundenerlebnis zuständig ist. Beispiel: `Hotline, Chat und E-Mail-Anfragen`"""
    lead: Text | None = None
    """Leitung der Abteilung. Beispiel: `Jana Wolff`"""
    contact: Text | None = None
    """Kontakt für Fragen zur Journey. Beispiel: `service@example.com`"""


class DepartmentsFile(Record):
    """``departments.yml``: every department of the company."""

    departments: list[Department] = Field(min_length=1)
    """Alle Abteilungen des Unternehmens, je ein Eintrag mit `- id: …`."""


class Persona(Record):
    """A customer type: who walks the journeys."""

    id: PageId
    """Kennung der Persona; Standard ist der Dateiname. Beispiel: `lea-berufseinsteigerin`"""
    name: Text
    """Name der Persona. Beispiel: `Lea, die Berufseinsteigerin`"""
    segment: Text
    """Kundensegment (Zielgruppe), zu dem die Persona gehört. Beispiel: `Privatkunden`"""
    description: Text
    """Kurzbeschreibung in ein, zwei Sätzen. Beispiel: `Erster Job, erstes eigenes Konto, alles am Smartphone.`"""
    demographics: dict[str, TextOrNumber] = Field(default_factory=dict)
    """Demografische Angaben als freie Schlüssel. Beispiel: `Alter: 24`"""
    goals: list[Text] = Field(default_factory=list)
    """Was die Persona erreichen will. Beispiel: `- Konto in zehn Minuten eröffnen`"""
    needs: list[Text] = Field(default_factory=list)
    """Bedürfnisse und Erwartungen. Beispiel: `- Klare Kosten ohne Kleingedrucktes`"""
    pain_points: list[Text] = Field(default_factory=list)
    """Was die Persona allgemein ärgert. Beispiel: `- Papierformulare`"""
    channels: list[Text] = Field(default_factory=list)
    """Bevorzugte Kanäle. Beispiel: `- Smartphone-App`"""
    behaviours: list[Text] = Field(default_factory=list)
    """Typisches Verhalten. Beispiel: `- Liest Bewertungen vor jedem Kauf`"""
    quote: Text | None = None
    """Ein typisches Zitat. Beispiel: `"Wenn es nicht am Handy geht, mache ich es nicht."`"""
    image: Url | None = None
    """Bild der Persona: Pfad relativ zur Website oder https-Adresse. Beispiel: `assets/personas/lea.png`"""
    department: Slug | None = None
    """Abteilung, die die Persona pflegt. Beispiel: `marketing`"""
    last_reviewed: Day | None = None
    """Datum der letzten Überprüfung (JJJJ-MM-TT). Beispiel: `2026-05-18`"""
    review_interval_months: PositiveInt = 12
    """Nach wie vielen Monaten die Persona wieder überprüft wird (mindestens jährlich). Beispiel: `12`"""
    body: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})


FigureMetric = Literal["visits", "conversion", "drop-off", "contacts", "mentions", "sentiment"]
FIGURE_METRICS: tuple[str, ...] = ("visits", "conversion", "drop-off", "contacts", "mentions", "sentiment")
"""The figures a touchpoint may carry, in the order they are shown."""
COUNTED_METRICS = frozenset({"visits", "contacts", "mentions"})
"""Figures that are counts (summed across touchpoints); the others are percentages (averaged)."""
_FIGURE_RANGES = {"conversion": (0, 100), "drop-off": (0, 100), "sentiment": (-100, 100)}


class TouchpointFigure(Record):
    """A touchpoint's measured figure for a month: visits, conversion, drop-off, contacts, mentions or sentiment."""

    metric: FigureMetric
    """`visits` (Besuche), `conversion` (Konversion in %), `drop-off` (Abbruch in %), `contacts` (Kontakte), `mentions` (Erwähnungen in sozialen Medien) oder `sentiment` (Stimmung: Anteil positiver minus negativer Erwähnungen, −100 bis 100). Beispiel: `conversion`"""
    value: Number
    """Der Monatswert. Beispiel: `3.2`"""
    date: Day
    """Tag der Messung (Monatsende). Beispiel: `2026-09-30`"""
    source: Text | None = None
    """Woher der Wert stammt. Beispiel: `Web-Analytics`"""

    @property
    def unit(self) -> str:
        """`%` for conversion and drop-off; counts and the sentiment (in points) have none."""
        return "%" if self.metric in ("conversion", "drop-off") else ""

    @model_validator(mode="after")
    def _in_range(self) -> "TouchpointFigure":
        low, high = _FIGURE_RANGES.get(self.metric, (0, None))
        if high is None and self.value < low:
            raise fail(t("{metric} is {value:g}, but a count cannot be negative", metric=self.metric, value=self.value),
                       t("give the number counted in the month, 0 or more"))
        if high is not None and not low <= self.value <= high:
            raise fail(t("{metric} is {value:g}, outside {low} to {high}", metric=self.metric, value=self.value,
                         low=low, high=high),
                       t("give {metric} as a number from {low} to {high}", metric=self.metric, low=low, high=high))
        return self


class Touchpoint(Record):
    """Where a step happens: a channel, owned by a department."""

    channel: Text
    """Kanal, über den der Kontakt läuft. Beispiel: `Website`, `Hotline`, `Filiale`"""
    name: Text | None = None
    """Genauer Name des Berührungspunkts. Beispiel: `Tarifrechner`"""
    medium: Literal["digital", "physical"] = "digital"
    """`digital` oder `physical` (physisch). Beispiel: `physical`"""
    department: Slug | None = None
    """Verantwortliche Abteilung; Standard ist die des Schritts bzw. der Journey. Beispiel: `it`"""
    important: Flag = False
    """`true`, wenn der Berührungspunkt für Kundinnen und Kunden besonders wichtig ist. Beispiel: `true`"""
    figures: list[TouchpointFigure] = Field(default_factory=list)
    """Gemessene Kennzahlen des Berührungspunkts, je Monat. Beispiel: `- {metric: visits, value: 12400, date: 2026-09-30}`"""

    @property
    def label(self) -> str:
        return self.name or self.channel

    @property
    def latest_figures(self) -> list[TouchpointFigure]:
        """The latest figure of each metric measured, in the order of :data:`FIGURE_METRICS`."""
        latest: dict[str, TouchpointFigure] = {}
        for figure in sorted(self.figures, key=lambda f: f.date):
            latest[figure.metric] = figure
        return [latest[metric] for metric in FIGURE_METRICS if metric in latest]


class LovePoint(Record):
    """A high point of the experience."""

    text: Text
    """Was begeistert. Beispiel: `Konto ist sofort nutzbar`"""
    severity: Severity = "medium"
    """Wie stark: `low`, `medium`, `high` oder `critical`. Beispiel: `high`"""
    department: Slug | None = None
    """Abteilung, der der Lovepoint zu verdanken ist. Beispiel: `produktmanagement`"""
    sources: list[Slug] = Field(default_factory=list)
    """Kennungen der Forschungsquellen, die den Lovepoint belegen; ohne gilt er als Annahme. Beispiel: `[interviews-2026]`"""


class PainPoint(Record):
    """A low point of the experience; measures address it by id."""

    id: Slug | None = None
    """Kennung, über die Maßnahmen den Painpoint adressieren. Beispiel: `versandkosten-versteckt`"""
    text: Text
    """Was enttäuscht oder ärgert. Beispiel: `Versandkosten erst im Warenkorb sichtbar`"""
    severity: Severity = "medium"
    """Schwere: `low`, `medium`, `high` oder `critical`. Beispiel: `critical`"""
    department: Slug | None = None
    """Verantwortliche Abteilung. Beispiel: `vertrieb`"""
    sources: list[Slug] = Field(default_factory=list)
    """Kennungen der Forschungsquellen, die den Painpoint belegen; ohne gilt er als Annahme. Beispiel: `[ticketanalyse-q3]`"""


class FrontstageAction(Record):
    """Service blueprint: what staff or systems do in view of the customer."""

    action: Text
    """Was Mitarbeitende oder Systeme für die Kundin sichtbar tun. Beispiel: `Erklärt am Telefon den Ablauf`"""
    actor: Text | None = None
    """Wer oder was handelt. Beispiel: `Hotline`, `App`, `Monteur`"""
    department: Slug | None = None
    """Abteilung, die die Aktion ausführt. Beispiel: `kundenservice`"""


class BackstageProcess(Record):
    """Service blueprint: a backstage action behind a step (unseen by the customer), and with which system."""

    process: Text
    """Interner Prozess hinter dem Schritt, für die Kundin unsichtbar (Service Blueprint). Beispiel: `Bonitätsprüfung`"""
    system: Text | None = None
    """Unterstützendes System. Beispiel: `SCHUFA-Schnittstelle`"""
    department: Slug | None = None
    """Abteilung, die den Prozess ausführt. Beispiel: `finanzen`"""


class SupportProcess(Record):
    """Service blueprint: a support process or system the backstage relies on."""

    process: Text
    """Unterstützender Prozess, auf den sich die Backstage-Aktionen stützen. Beispiel: `Nächtlicher Rechnungslauf`"""
    system: Text | None = None
    """System dahinter. Beispiel: `SAP IS-U`"""
    department: Slug | None = None
    """Abteilung, die ihn betreibt. Beispiel: `it`"""


EVIDENCE_KINDS = ("quote", "image", "video", "audio", "document")
RESEARCH_FOLDER = "research"
"""The data folder's folder of research sources; a link starting `research/` names a file in it, served by the site
at the same path."""


def research_file(link: str | None) -> str | None:
    """The path inside the research folder that a link names (``research/media/x.png`` → ``media/x.png``), if any."""
    prefix = RESEARCH_FOLDER + "/"
    return link[len(prefix):] if link and link.startswith(prefix) else None


class Evidence(Record):
    """Research behind a step: exactly one of quote, image, video, audio or document."""

    quote: Text | None = None
    """Zitat aus Interview, Umfrage oder Bewertung. Beispiel: `"Ich habe dreimal angerufen."`"""
    image: Url | None = None
    """Foto oder Screenshot: Pfad relativ zur Website, https-Adresse oder eine Datei des Forschungsordners (`research/…`). Beispiel: `research/media/zaehlerschrank.png`"""
    video: Url | None = None
    """Video: Link (http, https oder relativ) oder eine Datei des Forschungsordners (`research/…`, mit `caption` und `transcript`). Beispiel: `https://intranet.example.com/videos/test-3.mp4`"""
    audio: Url | None = None
    """Tonaufnahme: eine Datei des Forschungsordners (`research/…`) oder ein Link; mit `caption` und `transcript`. Beispiel: `research/media/interview-petra.wav`"""
    document: Url | None = None
    """Dokument-Link (http, https oder relativ). Beispiel: `https://intranet.example.com/studien/nps-2026.pdf`"""
    source: Text | None = None
    """Quelle des Belegs. Beispiel: `Kundeninterview, März 2026`"""
    caption: Text | None = None
    """Bildunterschrift oder Linktext; nötig bei Dateien des Forschungsordners und bei Tonaufnahmen. Beispiel: `Warenkorb auf dem Smartphone`"""
    transcript: Text | None = None
    """Abschrift einer Ton- oder Videoaufnahme, neben ihr gezeigt (Barrierefreiheit); nötig bei `audio` und bei Videos des Forschungsordners. Beispiel: `Ich habe dreimal angerufen …`"""

    @model_validator(mode="after")
    def _one_kind(self) -> "Evidence":
        given = [k for k in EVIDENCE_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise fail(t("has {count} of quote, image, video, audio, document", count=len(given)),
                       t("give exactly one of them per evidence item"))
        local = research_file(getattr(self, given[0]))
        if (given[0] == "audio" or (given[0] == "video" and local)) and not self.transcript:
            raise fail(t("a recording without `transcript`"),
                       t("add `transcript:` with what is said, for visitors who cannot hear it"))
        if (local or given[0] == "audio") and not self.caption:
            raise fail(t("a research file without `caption`"),
                       t("add `caption:` saying what it shows; it is the text for visitors who cannot see or hear it"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in EVIDENCE_KINDS if getattr(self, k) is not None)

    @property
    def local_file(self) -> str | None:
        """The file of the research folder it shows (``media/x.png``), if it shows one."""
        return research_file(getattr(self, self.kind))


class Step(Record):
    """One thing the customer does, with what they think and feel."""

    id: Slug | None = None
    """Kennung des Schritts; Standard ist der Name in Kleinbuchstaben mit Bindestrichen. Beispiel: `tarif-waehlen`"""
    name: Text
    """Was die Kundin oder der Kunde tut, in wenigen Worten. Beispiel: `Tarif wählen`"""
    does: Text | None = None
    """Was sie oder er tut (tut). Beispiel: `Vergleicht drei Tarife im Rechner`"""
    thinks: Text | None = None
    """Was sie oder er denkt (denkt). Beispiel: `"Welcher Tarif reicht mir?"`"""
    feels: Text | None = None
    """Was sie oder er fühlt (fühlt). Beispiel: `unsicher`"""
    rating: Rating
    """Bewertung des Erlebnisses: `delighting` (begeisternd), `okay`, `disappointing` (enttäuschend) oder 1–5; innerhalb einer Journey einheitlich. Beispiel: `disappointing`"""
    moment_of_truth: Flag = False
    """`true` für den Moment der Wahrheit, in dem die Entscheidung fällt. Beispiel: `true`"""
    supported: Support | None = None
    """Wird die Person in diesem Schritt ausreichend unterstützt und informiert? `fully` (ja), `partly` (teilweise) oder `not` (nein). Beispiel: `partly`"""
    support_note: Text | None = None
    """Was ihr dabei hilft oder fehlt. Beispiel: `Niemand sagt ihr, wie lange die Prüfung dauert.`"""
    department: Slug | None = None
    """Standard-Abteilung für Touchpoints, Punkte und Prozesse dieses Schritts. Beispiel: `vertrieb`"""
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    """Berührungspunkte des Schritts. Beispiel: `- {channel: App, important: true}`"""
    love_points: list[LovePoint] = Field(default_factory=list)
    """Lovepoints: was begeistert. Beispiel: `- {text: Sofortige Zusage, severity: high}`"""
    pain_points: list[PainPoint] = Field(default_factory=list)
    """Painpoints: was enttäuscht. Beispiel: `- {id: lange-wartezeit, text: 20 Minuten Warteschleife, severity: high}`"""
    opportunities: list[Text] = Field(default_factory=list)
    """Verbesserungsideen. Beispiel: `- Rückrufservice anbieten`"""
    physical_evidence: list[Text] = Field(default_factory=list)
    """Service Blueprint: was die Kundin dabei sieht oder in der Hand hält. Beispiel: `- Willkommensbrief`"""
    frontstage: list[FrontstageAction] = Field(default_factory=list)
    """Service Blueprint: was Mitarbeitende oder Systeme für sie sichtbar tun. Beispiel: `- {action: Bestätigt den Termin per SMS, actor: Terminsystem}`"""
    backstage: list[BackstageProcess] = Field(default_factory=list)
    """Service Blueprint: was unsichtbar für sie dahinter geschieht, mit welchem System. Beispiel: `- {process: Auftragsanlage, system: SAP}`"""
    support_processes: list[SupportProcess] = Field(default_factory=list)
    """Service Blueprint: unterstützende Prozesse und Systeme. Beispiel: `- {process: Stammdatenpflege, system: CRM}`"""
    evidence: list[Evidence] = Field(default_factory=list)
    """Belege aus der Forschung: Zitate, Bilder, Videos, Dokumente. Beispiel: `- {quote: "Zu kompliziert", source: Umfrage}`"""
    sources: list[Slug] = Field(default_factory=list)
    """Kennungen der Forschungsquellen, auf denen Bewertung und tut/denkt/fühlt beruhen; ohne gilt der Schritt als Annahme. Beispiel: `[usability-test-app]`"""
    next: list[Slug] = Field(default_factory=list)
    """Nur bei Verzweigungen: Kennungen der möglichen nächsten Schritte. Beispiel: `[online-antrag, filialtermin]`"""
    details: list[PageId] = Field(default_factory=list)
    """Nur in einer übergeordneten Journey (etwa dem Kundenlebenszyklus): Kennungen der Detail-Journeys, die diesen Schritt genauer zeigen; ihre Bewertung und offenen Painpoints werden hier zusammengefasst. Beispiel: `[glasfaser-hausanschluss, umzug-strom-gas]`"""

    @property
    def score(self) -> int:
        """The rating as 1–5 (delighting 5, okay 3, disappointing 1)."""
        return self.rating if isinstance(self.rating, int) else MOOD_SCORES[self.rating]

    @property
    def mood(self) -> str:
        """The rating as delighting / okay / disappointing (4–5, 3, 1–2)."""
        return self.rating if isinstance(self.rating, str) else mood_of(self.rating)

    @property
    def blueprint_actions(self) -> list[FrontstageAction | BackstageProcess | SupportProcess]:
        """The staff's and systems' work of the step: frontstage, backstage, support."""
        return [*self.frontstage, *self.backstage, *self.support_processes]

    @property
    def has_blueprint(self) -> bool:
        """Whether the step fills any lane of the service blueprint beyond the customer's actions."""
        return bool(self.physical_evidence or self.blueprint_actions)


STEP_TEXTS = ("does", "thinks", "feels")
"""A step's free-text aspects (each labelled by its own name), in the order of the matrix rows and CSV columns."""


class Stage(Record):
    """An ordered phase of the journey; the five default ids need no name."""

    id: Slug
    """Phase: `awareness`, `consideration`, `decision`, `purchase`, `post-purchase` oder eine eigene Kennung. Beispiel: `decision`"""
    name: Text | None = None
    """Anzeigename; nötig bei eigenen Phasen. Beispiel: `Behandlung`"""
    description: Text | None = None
    """Worum es in der Phase geht. Beispiel: `Vom ersten Kontakt bis zur Terminvereinbarung`"""
    steps: list[Step] = Field(min_length=1)
    """Die Schritte der Phase, in Reihenfolge."""


MeasureStatus = Literal["idea", "planned", "in-progress", "done"]


class StatusChange(Record):
    """The day a measure reached a status."""

    status: MeasureStatus
    """Der erreichte Status. Beispiel: `in-progress`"""
    date: Day
    """Tag des Wechsels. Beispiel: `2026-05-04`"""


class Measure(Record):
    """An improvement that addresses pain points or steps."""

    id: Slug | None = None
    """Kennung der Maßnahme; Standard aus dem Titel. Beispiel: `rueckruf-service`"""
    title: Text
    """Was getan wird. Beispiel: `Rückrufservice statt Warteschleife`"""
    addresses: list[Slug] = Field(default_factory=list)
    """Kennungen der Painpoints oder Schritte, die die Maßnahme verbessert. Beispiel: `[lange-wartezeit]`"""
    department: Slug | None = None
    """Verantwortliche Abteilung; Standard ist die der Journey. Beispiel: `kundenservice`"""
    effort: Level = "medium"
    """Aufwand: `low`, `medium` oder `high`. Beispiel: `low`"""
    impact: Level = "medium"
    """Wirkung: `low`, `medium` oder `high`. Beispiel: `high`"""
    quick_win: Flag | None = None
    """Quick Win? Standard: geringer Aufwand bei mittlerer oder hoher Wirkung. Beispiel: `true`"""
    status: MeasureStatus = "idea"
    """`idea`, `planned`, `in-progress` oder `done`; mit `history` der letzte Wechsel. Beispiel: `planned`"""
    due: Day | None = None
    """Fälligkeitsdatum (JJJJ-MM-TT). Beispiel: `2026-12-31`"""
    history: list[StatusChange] = Field(default_factory=list)
    """Die Statuswechsel mit Datum, in beliebiger Reihenfolge; der jüngste ist der aktuelle Status. Beispiel: `- {status: done, date: 2026-06-30}`"""
    issue: HttpsUrl | None = None
    """Das Ticket im Ticketsystem (nur https). Beispiel: `https://jira.example.com/browse/CX-42`"""
    kpis: list[Slug] = Field(default_factory=list)
    """Kennungen der Kennzahlen, die die Maßnahme bewegen soll; Standard: alle der Journey. Beispiel: `[erreichbarkeit-hotline]`"""

    @model_validator(mode="after")
    def _latest_is_status(self) -> "Measure":
        if not self.history:
            return self
        latest = self.changes[-1]
        if "status" in self.model_fields_set and self.status != latest.status:
            raise fail(t("gives `status: {status}` and a latest change to {latest} ({day})", status=self.status,
                         latest=latest.status, day=latest.date.isoformat()),
                       t("leave out `status`: the latest change of `history` is the current status"))
        self.status = latest.status
        return self

    @property
    def changes(self) -> list[StatusChange]:
        """The status changes, oldest first."""
        return sorted(self.history, key=lambda change: change.date)

    @property
    def done_on(self) -> dt.date | None:
        """The day it was done, when it is done and its history says so."""
        changes = self.changes
        return changes[-1].date if changes and self.status == "done" else None

    @property
    def lead_days(self) -> int | None:
        """Days from its first status change to done, when both are known."""
        done = self.done_on
        return (done - self.changes[0].date).days if done else None

    @property
    def is_quick_win(self) -> bool:
        """Explicit flag, else low effort with medium or high impact."""
        return self.quick_win if self.quick_win is not None else self.effort == "low" and self.impact != "low"


class Measurement(Record):
    """A KPI's value on a day."""

    date: Day
    """Tag der Messung. Beispiel: `2026-09-30`"""
    value: Number
    """Gemessener Wert. Beispiel: `31`"""
    source: Text | None = None
    """Woher der Wert stammt, falls nicht aus der Quelle der Kennzahl. Beispiel: `BI-Export Q3`"""
    note: Text | None = None
    """Anmerkung zur Messung. Beispiel: `nach Einführung des Rückrufs`"""


class Kpi(Record):
    """How success is measured: target against current value, and the values measured over time."""

    id: Slug | None = None
    """Kennung der Kennzahl; Standard aus dem Namen. Beispiel: `nps`"""
    name: Text
    """Name der Kennzahl. Beispiel: `Net Promoter Score`"""
    definition: Text
    """Wie sie berechnet wird. Beispiel: `Anteil Promotoren minus Anteil Kritiker`"""
    source: Text
    """Datenquelle. Beispiel: `Kundenumfrage`, `Web-Analytics`, `CRM`"""
    target: Number
    """Zielwert als Zahl. Beispiel: `40`"""
    current: Number | None = None
    """Aktueller Wert als Zahl; mit `history` der letzte Messwert. Beispiel: `12`"""
    unit: Text | None = None
    """Einheit. Beispiel: `%`"""
    better: Literal["higher", "lower"] = "higher"
    """Ob ein höherer (`higher`) oder niedrigerer (`lower`) Wert besser ist. Beispiel: `lower`"""
    department: Slug | None = None
    """Verantwortliche Abteilung; Standard ist die der Journey. Beispiel: `marketing`"""
    history: list[Measurement] = Field(default_factory=list)
    """Messwerte mit Datum, in beliebiger Reihenfolge; der jüngste ist der aktuelle Wert. Beispiel: `- {date: 2026-09-30, value: 31}`"""
    interval_months: PositiveInt | None = None
    """Wie oft gemessen wird, in Monaten; ohne neueren Messwert gilt die Kennzahl danach als veraltet. Beispiel: `3`"""
    target_date: Day | None = None
    """Bis wann das Ziel erreicht sein soll. Beispiel: `2027-06-30`"""
    sources: list[Slug] = Field(default_factory=list)
    """Kennungen der Forschungsquellen, auf denen Ziel- und Istwert beruhen; ohne gilt die Kennzahl als Annahme. Beispiel: `[web-analytics-2026]`"""

    @model_validator(mode="after")
    def _latest_is_current(self) -> "Kpi":
        if not self.history:
            return self
        latest = self.latest
        if self.current is not None and self.current != latest.value:
            raise fail(t("gives `current: {current:g}` and a latest measured value of {latest:g} ({day})", current=self.current,
                         latest=latest.value, day=latest.date.isoformat()),
                       t("leave out `current`: the latest value of `history` is the current one"))
        self.current = latest.value
        return self

    @property
    def latest(self) -> Measurement | None:
        """The most recent measurement (the last of a day measured twice), if any."""
        return self.measured[-1] if self.history else None

    @property
    def measured(self) -> list[Measurement]:
        """The measurements, oldest first."""
        return sorted(self.history, key=lambda m: m.date)

    @property
    def met(self) -> bool | None:
        if self.current is None:
            return None
        return self.current >= self.target if self.better == "higher" else self.current <= self.target


class Journey(Record):
    """A customer journey map: stages of steps, measures and KPIs."""

    id: PageId
    """Kennung der Journey; Standard ist der Dateiname. Beispiel: `girokonto-eroeffnung`"""
    title: Text
    """Titel der Journey. Beispiel: `Girokonto eröffnen`"""
    personas: list[Slug] = Field(min_length=1)
    """Kennungen der Personas, die diese Journey gehen. Beispiel: `[lea-berufseinsteigerin]`"""
    segment: Text
    """Kundensegment; eine Map pro Segment. Beispiel: `Privatkunden`"""
    scenario: Text
    """Szenario: was die Kundin oder der Kunde erreichen will. Beispiel: `Lea braucht zum ersten Job ein Gehaltskonto`"""
    start: Text
    """Wo die Journey beginnt. Beispiel: `Anzeige in Social Media`"""
    end: Text
    """Wo sie endet. Beispiel: `Erste Kartenzahlung`"""
    department: Slug
    """Abteilung, der die Journey gehört. Beispiel: `vertrieb`"""
    status: Literal["draft", "published", "archived"] = "draft"
    """`draft` (Entwurf), `published` oder `archived`. Beispiel: `published`"""
    kind: Literal["current", "target"] = "current"
    """`current` (Ist-Journey) oder `target` (Soll-Journey). Beispiel: `target`"""
    improves: Slug | None = None
    """Bei einer Soll-Journey: Kennung der Ist-Journey, die sie verbessert. Beispiel: `mobilfunkvertrag`"""
    last_reviewed: Day
    """Datum der letzten Überprüfung (JJJJ-MM-TT). Beispiel: `2026-09-22`"""
    review_interval_months: PositiveInt = 12
    """Überprüfungsintervall in Monaten; Standard 12 (mindestens jährlich). Beispiel: `6`"""
    tags: list[Text] = Field(default_factory=list)
    """Schlagwörter. Beispiel: `[Bank, Onboarding]`"""
    stages: list[Stage] = Field(min_length=1)
    """Die Phasen in Reihenfolge, jede mit ihren Schritten."""
    measures: list[Measure] = Field(default_factory=list)
    """Maßnahmen, Quick Wins zuerst umsetzen."""
    kpis: list[Kpi] = Field(default_factory=list)
    """Kennzahlen, mit denen der Erfolg gemessen wird."""
    body: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})

    @model_validator(mode="after")
    def _fill_defaults(self) -> "Journey":
        """Fill in left-out ids and departments; only empty fields are assigned (pydantic's setattr is slow)."""
        for stage in self.stages:
            for step in stage.steps:
                if not step.id:
                    step.id = slugify(step.name)
                owner = step.department or self.department
                for item in (*step.touchpoints, *step.love_points, *step.pain_points, *step.blueprint_actions):
                    if not item.department:
                        item.department = owner
                for number, pain in enumerate(step.pain_points, 1):
                    if not pain.id:
                        pain.id = f"{step.id}-pain-{number}"
        for item in (*self.measures, *self.kpis):
            if not item.department:
                item.department = self.department
        for measure in self.measures:
            if not measure.id:
                measure.id = slugify(measure.title)
        for kpi in self.kpis:
            if not kpi.id:
                kpi.id = slugify(kpi.name)
        return self

    @property
    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    @property
    def pain_points(self) -> list[tuple[Step, PainPoint]]:
        return [(step, pain) for step in self.steps for pain in step.pain_points]

    @property
    def has_blueprint(self) -> bool:
        """Whether any step fills a lane of the service blueprint."""
        return any(step.has_blueprint for step in self.steps)

    @property
    def rates_support(self) -> bool:
        """Whether any step says if the customer is supported and informed enough there."""
        return any(step.supported for step in self.steps)


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


ResearchMethod = Literal["interview", "survey", "analytics", "ticket-analysis", "usability-test", "observation", "other"]
RESEARCH_METHODS: tuple[str, ...] = ResearchMethod.__args__


class ResearchSource(Record):
    """A piece of research that statements of the journeys cite by id: an interview series, a survey, a report."""

    id: PageId
    """Kennung der Quelle, mit der Aussagen sie zitieren; Standard ist der Dateiname. Beispiel: `nps-umfrage-2026`"""
    title: Text
    """Titel der Untersuchung. Beispiel: `NPS-Umfrage Privatkunden 2026`"""
    method: ResearchMethod
    """Methode: `interview`, `survey` (Umfrage), `analytics`, `ticket-analysis` (Ticketauswertung), `usability-test`, `observation` (Beobachtung) oder `other`. Beispiel: `survey`"""
    date: Day
    """Wann die Untersuchung abgeschlossen wurde (JJJJ-MM-TT). Beispiel: `2026-04-30`"""
    sample_size: PositiveInt | None = None
    """Stichprobe: wie viele Personen, Sitzungen oder Tickets. Beispiel: `1200`"""
    owner: Slug | None = None
    """Abteilung, die die Untersuchung verantwortet. Beispiel: `marketing`"""
    link: Url | None = None
    """Bericht im Intranet (http, https oder relativ). Beispiel: `https://intranet.example.com/studien/nps-2026.pdf`"""
    file: Url | None = None
    """Oder der Bericht als Datei im Forschungsordner, als `research/…`. Beispiel: `research/nps-umfrage-2026.pdf`"""
    summary: Text
    """Was die Untersuchung ergab, in ein, zwei Sätzen. Beispiel: `Kundinnen vermissen den Baustatus online.`"""
    body: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})


FILE_KINDS: dict[str, type[Record]] = {"journey": Journey, "persona": Persona, "departments": DepartmentsFile,
                                       "research": ResearchSource}
"""Each kind of data file and its model; `<kind>.schema.json` is its JSON Schema."""
