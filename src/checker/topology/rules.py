"""Organisation-level findings: each rule looks at the whole map and names the teams or
interactions that trigger it. Thresholds come from :class:`~checker.topology.model.Thresholds`
(defaults and their sources: docs/reference/topology-format.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.model import Risk
from checker.topology.model import SERVING_CAPABILITIES, Interaction, Organisation, Team

Path = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """A finding rule: what it detects, which pitfall page explains it, and the advice."""

    id: str
    title: str
    pitfall: str
    risk: Risk
    advice: str
    threshold: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One instance of a rule firing: ``subject`` is a team, an interaction or a capability."""

    rule: Rule
    subject: str
    title: str
    paths: tuple[Path, ...]

    @property
    def id(self) -> str:
        return f"{self.rule.id}/{self.subject}"


_RULE_LIST = (
    Rule(
        "mlops-close-with-many",
        "An MLOps-providing team works closely with many science teams at once",
        "central-mlops-bottleneck",
        Risk.HIGH,
        "Turn the most common requests into self-service capabilities offered as X-as-a-service, "
        "and keep close collaboration for one team at a time, with an end date.",
        "mlops-close-teams",
    ),
    Rule(
        "science-without-mlops-path",
        "Scientists with neither ML engineers nor a self-service path to serve models",
        "science-without-mlops",
        Risk.HIGH,
        "Give the team an ML engineer, or an X-as-a-service interaction with a platform that "
        "serves models, before it builds more models.",
    ),
    Rule(
        "platform-without-scientists",
        "An ML platform with no team of scientists among its users",
        "mlops-without-scientists",
        Risk.MEDIUM,
        "Find a science team to build the next capability with (collaboration for a quarter), "
        "and watch scientists use what exists before building more.",
    ),
    Rule(
        "collaboration-without-end",
        "A collaboration with no end date",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Collaboration is for discovery: write down when it ends and what replaces it "
        "(usually X-as-a-service).",
    ),
    Rule(
        "long-collaboration",
        "A collaboration running longer than the threshold",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Write down the interface the two teams discovered and switch to X-as-a-service, or "
        "merge the work into one team if it never separates.",
        "collaboration-months",
    ),
    Rule(
        "enabling-without-end",
        "An enabling engagement with no end date",
        "science-without-mlops",
        Risk.MEDIUM,
        "Set the date the enabling team steps back; if the team still needs help then, it is "
        "short of an engineer of its own.",
    ),
    Rule(
        "too-many-collaborations",
        "A team in more collaborations at once than the guidance allows",
        "ml-team-bottleneck",
        Risk.LOW,
        "Keep at most one close collaboration at a time; turn the others into X-as-a-service or "
        "facilitating with an end date.",
        "max-collaborations",
    ),
    Rule(
        "ml-subsystem-bottleneck",
        "A complicated-subsystem ML team that many stream-aligned teams depend on",
        "ml-team-bottleneck",
        Risk.HIGH,
        "Move scientists into the stream-aligned teams with the most ML demand, and offer what "
        "stays central through a written team API as X-as-a-service.",
        "subsystem-dependents",
    ),
    Rule(
        "capability-unowned",
        "A capability the organisation needs is provided by no team",
        "science-without-mlops",
        Risk.MEDIUM,
        "Name one team that provides it (usually the platform), or remove it from "
        "`capabilities` if it is not needed.",
    ),
    Rule(
        "capability-owned-twice",
        "A capability or model is owned by more than one team",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Give it one owner; the other teams consume it as X-as-a-service.",
    ),
    Rule(
        "too-many-dependencies",
        "A stream-aligned team depends on too many other teams",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Bring the most-used skill into the team, or ask for it as a self-service platform "
        "capability, so that fewer teams sit on the path to production.",
        "max-dependencies",
    ),
    Rule(
        "stream-provides-service",
        "A stream-aligned team provides X-as-a-service to another team",
        "ml-team-bottleneck",
        Risk.LOW,
        "Offer the shared service through a platform (or a complicated-subsystem team), so the "
        "stream-aligned team keeps its focus on its own users.",
    ),
)
RULES: dict[str, Rule] = {r.id: r for r in _RULE_LIST}


def team_path(team: Team) -> Path:
    return ("teams", team.index)


def interaction_path(ix: Interaction) -> Path:
    return ("interactions", ix.index)


def evaluate(org: Organisation) -> list[Hit]:
    """Every rule instance that fires, in rule order then subject order."""
    active = [ix for ix in org.interactions if ix.active(org.as_of)]
    by_team: dict[str, list[Interaction]] = {t: [] for t in org.teams}
    for ix in active:
        by_team[ix.source].append(ix)
        by_team[ix.target].append(ix)
    hits: list[Hit] = []
    for check in _CHECKS:
        hits.extend(sorted(check(org, active, by_team), key=lambda h: h.subject))
    return hits


Check = Callable[[Organisation, list[Interaction], dict[str, list[Interaction]]], Iterator[Hit]]


def _mlops_close(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule, limit = RULES["mlops-close-with-many"], org.thresholds.mlops_close_teams
    for team in org.teams.values():
        if not (team.ml_provider or (team.type == "platform" and team.ml_engineers)):
            continue
        close = [
            ix
            for ix in by_team[team.id]
            if ix.mode != "x-as-a-service" and org.teams[ix.other(team.id)].scientists > 0
        ]
        if len(close) >= limit:
            yield Hit(
                rule,
                team.id,
                f"{team.name} works closely (collaboration or facilitating) with {len(close)} "
                f"science teams at once; the threshold is {limit}",
                (team_path(team), *(interaction_path(ix) for ix in close)),
            )


def _science_path(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule = RULES["science-without-mlops-path"]
    for team in org.teams.values():
        if team.scientists == 0 or team.ml_engineers > 0:
            continue
        if not (team.owns or team.type == "stream-aligned"):  # e.g. a validation team
            continue
        if SERVING_CAPABILITIES.intersection(team.provides):
            continue
        served = any(
            ix.mode == "x-as-a-service"
            and ix.target == team.id
            and SERVING_CAPABILITIES.intersection(org.teams[ix.source].provides)
            for ix in by_team[team.id]
        )
        if not served:
            yield Hit(
                rule,
                team.id,
                f"{team.name} has {team.scientists} scientist(s), no ML engineers and no "
                "X-as-a-service interaction with a team that provides serving or deployment",
                (team_path(team),),
            )


def _platform_users(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule = RULES["platform-without-scientists"]
    for team in org.teams.values():
        if not team.ml_provider or team.scientists > 0:  # scientists inside give input
            continue
        partners = [org.teams[ix.other(team.id)] for ix in by_team[team.id]]
        # Infrastructure behind another ML platform reaches scientists through it.
        if not any(p.scientists > 0 or (p.ml_provider and p.type == "platform") for p in partners):
            caps = ", ".join(sorted(team.provides))
            yield Hit(
                rule,
                team.id,
                f"{team.name} provides ML capabilities ({caps}) but interacts with no team "
                "that has scientists",
                (team_path(team),),
            )


def _collab_end(org: Organisation, active: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule = RULES["collaboration-without-end"]
    for ix in active:
        if ix.mode == "collaboration" and ix.until is None:
            yield Hit(
                rule,
                ix.subject,
                f"The collaboration between {_name(org, ix.source)} and "
                f"{_name(org, ix.target)} has no end date (until)",
                (interaction_path(ix),),
            )


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (dates)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def _collab_long(org: Organisation, active: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule, limit = RULES["long-collaboration"], org.thresholds.collaboration_months
    for ix in active:
        if ix.mode != "collaboration" or ix.since is None:
            continue
        months = months_between(ix.since, ix.until if ix.until is not None else org.as_of)
        if months > limit:
            yield Hit(
                rule,
                ix.subject,
                f"The collaboration between {_name(org, ix.source)} and "
                f"{_name(org, ix.target)} runs {months} months; the threshold is {limit}",
                (interaction_path(ix),),
            )


def _enabling_end(org: Organisation, active: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule = RULES["enabling-without-end"]
    for ix in active:
        enabling = ix.mode == "facilitating" or org.teams[ix.source].type == "enabling"
        if enabling and ix.until is None:
            yield Hit(
                rule,
                ix.subject,
                f"{_name(org, ix.source)} facilitates {_name(org, ix.target)} with no end "
                "date (until)",
                (interaction_path(ix),),
            )


def _many_collabs(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule, limit = RULES["too-many-collaborations"], org.thresholds.max_collaborations
    for team in org.teams.values():
        collabs = [ix for ix in by_team[team.id] if ix.mode == "collaboration"]
        if len(collabs) > limit:
            yield Hit(
                rule,
                team.id,
                f"{team.name} is in {len(collabs)} collaborations at once; the guidance is at "
                f"most {limit}",
                (team_path(team), *(interaction_path(ix) for ix in collabs)),
            )


def _subsystem(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule, limit = RULES["ml-subsystem-bottleneck"], org.thresholds.subsystem_dependents
    for team in org.teams.values():
        if team.type != "complicated-subsystem" or not (team.scientists or team.owns):
            continue
        deps = [
            ix for ix in by_team[team.id] if org.teams[ix.other(team.id)].type == "stream-aligned"
        ]
        if len({ix.other(team.id) for ix in deps}) >= limit:
            yield Hit(
                rule,
                team.id,
                f"{len(deps)} stream-aligned teams depend on the ML team {team.name}; the "
                f"threshold is {limit}",
                (team_path(team), *(interaction_path(ix) for ix in deps)),
            )


def _unowned(org: Organisation, _a: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule = RULES["capability-unowned"]
    provided = {c for t in org.teams.values() for c in t.provides}
    for i, cap in enumerate(org.capabilities):
        if cap not in provided:
            yield Hit(rule, cap, f"No team provides the capability {cap!r}", (("capabilities", i),))


def _owned_twice(org: Organisation, _a: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule = RULES["capability-owned-twice"]
    owners: dict[tuple[str, str], list[Team]] = {}
    for team in org.teams.values():
        for cap in team.provides:
            owners.setdefault(("capability", cap), []).append(team)
        for model in team.owns:
            owners.setdefault(("model", model), []).append(team)
    for (what, ident), teams in owners.items():
        if len(teams) > 1:
            names = " and ".join(t.name for t in teams)
            key = "provides" if what == "capability" else "owns"
            yield Hit(
                rule,
                ident,
                f"The {what} {ident!r} is owned by {len(teams)} teams: {names}",
                tuple((*team_path(t), key, getattr(t, key).index(ident)) for t in teams),
            )


def _dependencies(org: Organisation, _a: list[Interaction], by_team: Any) -> Iterator[Hit]:
    rule, limit = RULES["too-many-dependencies"], org.thresholds.max_dependencies
    for team in org.teams.values():
        if team.type != "stream-aligned":
            continue
        deps = [ix for ix in by_team[team.id] if ix.mode == "collaboration" or ix.target == team.id]
        partners = {ix.other(team.id) for ix in deps}
        if len(partners) > limit:
            yield Hit(
                rule,
                team.id,
                f"{team.name} depends on {len(partners)} other teams; the threshold is {limit}",
                (team_path(team), *(interaction_path(ix) for ix in deps)),
            )


def _stream_service(org: Organisation, active: list[Interaction], _b: Any) -> Iterator[Hit]:
    rule = RULES["stream-provides-service"]
    for ix in active:
        if ix.mode == "x-as-a-service" and org.teams[ix.source].type == "stream-aligned":
            yield Hit(
                rule,
                ix.subject,
                f"Stream-aligned team {_name(org, ix.source)} provides X-as-a-service to "
                f"{_name(org, ix.target)}",
                (interaction_path(ix),),
            )


def _name(org: Organisation, team_id: str) -> str:
    return org.teams[team_id].name


_CHECKS: tuple[Check, ...] = (
    _mlops_close,
    _science_path,
    _platform_users,
    _collab_end,
    _collab_long,
    _enabling_end,
    _many_collabs,
    _subsystem,
    _unowned,
    _owned_twice,
    _dependencies,
    _stream_service,
)
