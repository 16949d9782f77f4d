"""Small hand-written news reports: two happenings of one kind, reported by several outlets."""
from __future__ import annotations

from eventscope.model import Article, content_id

QUAKE_2023 = [
    ("2023-02-06", ("A magnitude 6.1 earthquake struck northern Chile on Monday near Antofagasta, the national "
     "seismological office said. Two people were injured and a school in Mejillones was damaged.")),
    ("2023-02-06", ("Chile's seismological office recorded a 6.1 quake off Antofagasta on Monday. Officials in "
     "Mejillones said two residents were hurt and classrooms at the local school cracked.")),
    ("2023-02-07", ("Residents of Mejillones cleared debris on Tuesday after Monday's magnitude 6.1 tremor near "
     "Antofagasta injured two people, mayor Marcela Hernando said.")),
]
QUAKE_2024 = [
    ("2024-03-18", ("A magnitude 5.4 earthquake shook northern Chile on Sunday near Iquique, the seismological "
     "office said. Power was cut in Alto Hospicio for three hours; nobody was hurt.")),
    ("2024-03-18", ("An earthquake of magnitude 5.4 hit the Iquique region of Chile on Sunday, cutting power to "
     "Alto Hospicio for three hours. The seismological office reported no injuries.")),
]
SIGNING = [
    ("2025-04-01", ("Serbian Defence Minister Bratislav Gasic and his Hungarian counterpart Kristof "
     "Szalay-Bobrovniczky signed a defence cooperation plan in Belgrade on Tuesday. The plan outlines 79 joint "
     "activities, including helicopter exercises, President Aleksandar Vucic said.")),
    ("2025-04-01", ("Serbia and Hungary signed a plan for military cooperation in Belgrade, with 79 planned joint "
     "activities for 2025. Defence ministers Bratislav Gašić and Kristóf Szalay-Bobrovniczky signed it while "
     "President Aleksandar Vučić looked on.")),
]


def article(text: str, published: str | None = None, outlet: str | None = None) -> Article:
    return Article(id=content_id(text.encode("utf-8")), text=text, origin="test", published=published,
                   outlet=outlet)


def corpus() -> list[Article]:
    """Seven reports: two earthquakes a year apart (3 + 2) and one signing (2)."""
    return [article(t, p) for p, t in QUAKE_2023 + QUAKE_2024 + SIGNING]
