"""The model's field descriptions in every language of the site.

German is the source: each field's docstring in :mod:`.model`, which becomes the JSON Schema. Every other
language has a table here, keyed by model and field; ``tests/test_core_descriptions.py`` checks that it is complete.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from .model import (BackstageProcess, Department, DepartmentsFile, Evidence, FrontstageAction, Journey, Kpi, LovePoint,
                    Measure, Measurement, PainPoint, Persona, Record, ResearchSource, Stage, StatusChange, Step,
                    SupportProcess, Touchpoint, TouchpointFigure)

SOURCE_LANGUAGE = "de"
"""The language of the docstrings in :mod:`.model`."""

ENGLISH: dict[type[Record], dict[str, str]] = {
    Department: {
        "id": "The department's id, which all other files refer to. Example: `customer-service`",
        "name": "The name as the site shows it. Example: `Customer service`",
        "description": "What the department is responsible for in the customer experience. "
                       "Example: `Hotline, chat and email enquiries`",
        "lead": "Head of the department. Example: `Jana Wolff`",
        "contact": "Whom to contact with questions about the journey. Example: `service@example.com`",
    },
    DepartmentsFile: {
        "departments": "Every department of the company, one entry each, starting with `- id: …`.",
    },
    Persona: {
        "id": "The persona's id; defaults to the file name. Example: `lea-first-job`",
        "name": "The persona's name. Example: `Lea, in her first job`",
        "segment": "The customer segment (target group) the persona belongs to. Example: `Retail customers`",
        "description": "A short description in one or two sentences. "
                       "Example: `First job, first account of her own, does everything on her phone.`",
        "demographics": "Demographic details as keys of your choice. Example: `Age: 24`",
        "goals": "What the persona wants to achieve. Example: `- Open an account in ten minutes`",
        "needs": "Needs and expectations. Example: `- Clear costs, no small print`",
        "pain_points": "What annoys the persona in general. Example: `- Paper forms`",
        "channels": "Preferred channels. Example: `- Smartphone app`",
        "behaviours": "Typical behaviour. Example: `- Reads reviews before every purchase`",
        "quote": "A typical quote. Example: `\"If I can't do it on my phone, I don't do it.\"`",
        "image": "A picture of the persona: a path relative to the site, or an https address. "
                 "Example: `assets/personas/lea.png`",
        "department": "The department that maintains the persona. Example: `marketing`",
        "last_reviewed": "Date of the last review (YYYY-MM-DD). Example: `2026-05-18`",
        "review_interval_months": "How many months pass before the persona is reviewed again (at least once a "
                                  "year). Example: `12`",
    },
    Touchpoint: {
        "channel": "The channel the contact goes through. Example: `Website`, `Hotline`, `Branch`",
        "name": "The touchpoint's exact name. Example: `Price calculator`",
        "medium": "`digital` or `physical`. Example: `physical`",
        "department": "The owning department; defaults to the step's, else the journey's. Example: `it`",
        "important": "`true` if the touchpoint matters especially to customers. Example: `true`",
        "figures": "The touchpoint's measured figures, one value per month. "
                   "Example: `- {metric: visits, value: 12400, date: 2026-09-30}`",
    },
    TouchpointFigure: {
        "metric": "`visits`, `conversion` (in %), `drop-off` (in %), `contacts`, `mentions` (in social media) or "
                  "`sentiment` (share of positive minus negative mentions, −100 to 100). Example: `conversion`",
        "value": "The month's value. Example: `3.2`",
        "date": "The day measured (the month's end). Example: `2026-09-30`",
        "source": "Where the value comes from. Example: `Web analytics`",
    },
    LovePoint: {
        "text": "What delights. Example: `The account can be used at once`",
        "severity": "How strongly: `low`, `medium`, `high` or `critical`. Example: `high`",
        "department": "The department the love point is owed to. Example: `product-management`",
        "sources": "The ids of the research sources backing the love point; without any it is an assumption. "
                   "Example: `[interviews-2026]`",
    },
    PainPoint: {
        "id": "The id by which measures address the pain point. Example: `hidden-shipping-costs`",
        "text": "What disappoints or annoys. Example: `Shipping costs only shown in the basket`",
        "severity": "How severe: `low`, `medium`, `high` or `critical`. Example: `critical`",
        "department": "The owning department. Example: `sales`",
        "sources": "The ids of the research sources backing the pain point; without any it is an assumption. "
                   "Example: `[ticket-analysis-q3]`",
    },
    FrontstageAction: {
        "action": "What staff or systems do in view of the customer. Example: `Explains the next steps on the phone`",
        "actor": "Who or what acts. Example: `Hotline`, `App`, `Technician`",
        "department": "The department that carries out the action. Example: `customer-service`",
    },
    SupportProcess: {
        "process": "A support process the backstage actions rely on. Example: `Nightly billing run`",
        "system": "The system behind it. Example: `SAP IS-U`",
        "department": "The department that runs it. Example: `it`",
    },
    BackstageProcess: {
        "process": "The internal process behind the step, unseen by the customer (service blueprint). "
                   "Example: `Credit check`",
        "system": "The supporting system. Example: `Credit bureau interface`",
        "department": "The department that carries out the process. Example: `finance`",
    },
    Evidence: {
        "quote": "A quote from an interview, a survey or a review. Example: `\"I called three times.\"`",
        "image": "A photo or screenshot: a path relative to the site, an https address or a file of the research "
                 "folder (`research/…`). Example: `research/media/meter-cupboard.png`",
        "video": "A video: a link (http, https or relative) or a file of the research folder (`research/…`, with "
                 "`caption` and `transcript`). Example: `https://intranet.example.com/videos/test-3.mp4`",
        "audio": "An audio recording: a file of the research folder (`research/…`) or a link; with `caption` and "
                 "`transcript`. Example: `research/media/interview-petra.wav`",
        "document": "A link to a document (http, https or relative). "
                    "Example: `https://intranet.example.com/studies/nps-2026.pdf`",
        "source": "Where the evidence comes from. Example: `Customer interview, March 2026`",
        "caption": "A caption or link text; needed for files of the research folder and for audio. "
                   "Example: `Basket on a smartphone`",
        "transcript": "What is said in an audio or video recording, shown beside it (accessibility); needed for "
                      "`audio` and for videos of the research folder. Example: `I called three times …`",
    },
    Step: {
        "id": "The step's id; defaults to its name in lower case with hyphens. Example: `choose-plan`",
        "name": "What the customer does, in a few words. Example: `Choose a plan`",
        "does": "What the customer does (does). Example: `Compares three plans in the calculator`",
        "thinks": "What the customer thinks (thinks). Example: `\"Which plan is enough for me?\"`",
        "feels": "What the customer feels (feels). Example: `unsure`",
        "rating": "The rating of the experience: `delighting`, `okay`, `disappointing` or 1–5; one kind "
                  "throughout a journey. Example: `disappointing`",
        "moment_of_truth": "`true` for the moment of truth, where the customer decides. Example: `true`",
        "supported": "Is the customer supported and informed enough in this step? `fully`, `partly` or `not`. "
                     "Example: `partly`",
        "support_note": "What helps them there, or what they miss. Example: `Nobody tells her how long the check "
                        "takes.`",
        "department": "The default department for this step's touchpoints, love and pain points and processes. "
                      "Example: `sales`",
        "touchpoints": "The step's touchpoints. Example: `- {channel: App, important: true}`",
        "love_points": "Love points: what delights. Example: `- {text: Instant approval, severity: high}`",
        "pain_points": "Pain points: what disappoints. "
                       "Example: `- {id: long-wait, text: 20 minutes on hold, severity: high}`",
        "opportunities": "Ideas for improvement. Example: `- Offer a call-back service`",
        "physical_evidence": "Service blueprint: what the customer sees or holds meanwhile. Example: `- Welcome letter`",
        "frontstage": "Service blueprint: what staff or systems do in view of the customer. "
                      "Example: `- {action: Confirms the appointment by text message, actor: Booking system}`",
        "backstage": "Service blueprint: what happens behind the step, unseen by the customer, and with which "
                     "system. Example: `- {process: Order entry, system: SAP}`",
        "support_processes": "Service blueprint: the support processes and systems. "
                             "Example: `- {process: Master data upkeep, system: CRM}`",
        "evidence": "Evidence from research: quotes, images, videos, documents. "
                    "Example: `- {quote: \"Too complicated\", source: Survey}`",
        "sources": "The ids of the research sources the rating and does/thinks/feels rest on; without any the step "
                   "is an assumption. Example: `[usability-test-app]`",
        "next": "Only where the journey branches: the ids of the possible next steps. "
                "Example: `[online-application, branch-appointment]`",
        "details": "Only in a higher-level journey (such as the customer lifecycle): the ids of the detailed journeys "
                   "that zoom into this step; their ratings and open pain points are rolled up here. "
                   "Example: `[fibre-connection, moving-house]`",
    },
    Stage: {
        "id": "The stage: `awareness`, `consideration`, `decision`, `purchase`, `post-purchase` or an id of your "
              "own. Example: `decision`",
        "name": "The name shown; needed for a stage of your own. Example: `Treatment`",
        "description": "What the stage is about. Example: `From the first contact to booking an appointment`",
        "steps": "The stage's steps, in order.",
    },
    Measure: {
        "id": "The measure's id; defaults to one made from the title. Example: `call-back-service`",
        "title": "What is done. Example: `Call-back service instead of a queue on hold`",
        "addresses": "The ids of the pain points or steps the measure improves. Example: `[long-wait]`",
        "department": "The owning department; defaults to the journey's. Example: `customer-service`",
        "effort": "Effort: `low`, `medium` or `high`. Example: `low`",
        "impact": "Impact: `low`, `medium` or `high`. Example: `high`",
        "quick_win": "A quick win? By default: low effort with medium or high impact. Example: `true`",
        "status": "`idea`, `planned`, `in-progress` or `done`; with `history`, its latest change. Example: `planned`",
        "due": "Due date (YYYY-MM-DD). Example: `2026-12-31`",
        "history": "The status changes with their dates, in any order; the latest is the current status. "
                   "Example: `- {status: done, date: 2026-06-30}`",
        "issue": "The ticket in the issue tracker (https only). Example: `https://jira.example.com/browse/CX-42`",
        "kpis": "The ids of the KPIs the measure should move; by default all of the journey's. "
                "Example: `[hotline-reachability]`",
    },
    StatusChange: {
        "status": "The status reached. Example: `in-progress`",
        "date": "The day of the change. Example: `2026-05-04`",
    },
    Kpi: {
        "id": "The KPI's id; defaults to one made from the name. Example: `nps`",
        "name": "The KPI's name. Example: `Net Promoter Score`",
        "definition": "How it is calculated. Example: `Share of promoters minus share of detractors`",
        "source": "The data source. Example: `Customer survey`, `Web analytics`, `CRM`",
        "target": "The target value, as a number. Example: `40`",
        "current": "The current value, as a number; with `history`, the latest measured value. Example: `12`",
        "unit": "The unit. Example: `%`",
        "better": "Whether a higher (`higher`) or a lower (`lower`) value is better. Example: `lower`",
        "department": "The owning department; defaults to the journey's. Example: `marketing`",
        "history": "Measured values with their dates, in any order; the latest is the current value. "
                   "Example: `- {date: 2026-09-30, value: 31}`",
        "interval_months": "How often it is measured, in months; without a newer value after that it is stale. "
                           "Example: `3`",
        "target_date": "By when the target should be reached. Example: `2027-06-30`",
        "sources": "The ids of the research sources the target and current value rest on; without any the KPI is "
                   "an assumption. Example: `[web-analytics-2026]`",
    },
    ResearchSource: {
        "id": "The source's id, by which statements cite it; defaults to the file name. Example: `nps-survey-2026`",
        "title": "The title of the research. Example: `NPS survey of retail customers 2026`",
        "method": "The method: `interview`, `survey`, `analytics`, `ticket-analysis`, `usability-test`, "
                  "`observation` or `other`. Example: `survey`",
        "date": "When the research was finished (YYYY-MM-DD). Example: `2026-04-30`",
        "sample_size": "The sample: how many people, sessions or tickets. Example: `1200`",
        "owner": "The department responsible for the research. Example: `marketing`",
        "link": "The report on the intranet (http, https or relative). "
                "Example: `https://intranet.example.com/studies/nps-2026.pdf`",
        "file": "Or the report as a file of the research folder, as `research/…`. Example: `research/nps-survey-2026.pdf`",
        "summary": "What the research found, in a sentence or two. Example: `Customers miss the build status online.`",
    },
    Measurement: {
        "date": "The day of the measurement. Example: `2026-09-30`",
        "value": "The measured value. Example: `31`",
        "source": "Where the value comes from, if not from the KPI's source. Example: `BI export Q3`",
        "note": "A note on the measurement. Example: `after the call-back service started`",
    },
    Journey: {
        "id": "The journey's id; defaults to the file name. Example: `open-current-account`",
        "title": "The journey's title. Example: `Open a current account`",
        "personas": "The ids of the personas who walk this journey. Example: `[lea-first-job]`",
        "segment": "The customer segment; one map per segment. Example: `Retail customers`",
        "scenario": "The scenario: what the customer wants to achieve. "
                    "Example: `Lea needs an account for the salary of her first job`",
        "start": "Where the journey starts. Example: `Ad on social media`",
        "end": "Where it ends. Example: `First card payment`",
        "department": "The department that owns the journey. Example: `sales`",
        "status": "`draft`, `published` or `archived`. Example: `published`",
        "kind": "`current` (the journey as it is) or `target` (as it should be). Example: `target`",
        "improves": "For a target journey: the id of the current journey it improves. Example: `mobile-contract`",
        "last_reviewed": "Date of the last review (YYYY-MM-DD). Example: `2026-09-22`",
        "review_interval_months": "Months between reviews; default 12 (at least once a year). Example: `6`",
        "tags": "Tags. Example: `[Banking, Onboarding]`",
        "stages": "The stages in order, each with its steps.",
        "measures": "Measures; implement quick wins first.",
        "kpis": "The KPIs by which success is measured.",
    },
}
"""Model → field → its English description."""

TRANSLATIONS: dict[str, dict[type[Record], dict[str, str]]] = {"en": ENGLISH}
"""Language → its descriptions, for every language but :data:`SOURCE_LANGUAGE`."""


@cache
def _index(language: str) -> dict[str, str]:
    """German description → the same field's description in `language`."""
    return {model.model_fields[field].description or "": text
            for model, fields in TRANSLATIONS[language].items() for field, text in fields.items()}


def translate(schema: dict[str, Any], language: str) -> dict[str, Any]:
    """A JSON Schema built from the model with its field descriptions in `language`.

    A described field without a translation is an error (KeyError), never a German word on an English page.
    """
    if language == SOURCE_LANGUAGE:
        return schema
    result = copy.deepcopy(schema)
    for block in (result, *result.get("$defs", {}).values()):
        for spec in block.get("properties", {}).values():
            if "description" in spec:
                spec["description"] = _translated(spec["description"], language)
    return result


def _translated(german: str, language: str) -> str:
    index = _index(language)
    if german not in index:
        raise KeyError(f"no {language} description for the field described as {german!r}; "
                       "add it to cjm_mkdocs/core/descriptions.py")
    return index[german]
