"""Organisation-level findings: each rule looks at the whole map and names the teams or
interactions that trigger it. Thresholds come from :class:`~checker.topology.model.Thresholds`
(defaults and their sources: docs/reference/topology-format.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from checker.model import Risk
from checker.topology.model import (
    SERVICE_MODES,
    SERVING_CAPABILITIES,
    Interaction,
    Organisation,
    Team,
)

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
    """One instance of a rule firing: ``subject`` is a team, an interaction, a capability or a
    model (one kind per rule, so ``rule/subject`` is unique); ``teams`` are the teams it is
    about (none for a capability nobody provides)."""

    rule: Rule
    subject: str
    title: str
    paths: tuple[Path, ...]
    teams: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.rule.id}/{self.subject}"


_RULE_LIST = (
    Rule(
        "mlops-close-with-many",
        "An MLOps team that many science teams must ask or work closely with",
        "central-mlops-bottleneck",
        Risk.HIGH,
        "Turn the most common requests into self-service capabilities offered as X-as-a-service, "
        "move engineers into the science teams with the most demand, and keep close "
        "collaboration for one team at a time, with an end date.",
        "mlops-close-teams",
    ),
    Rule(
        "science-without-mlops-path",
        "Scientists with neither ML engineers nor a self-service path to serve models",
        "science-without-mlops",
        Risk.HIGH,
        "Give the team an ML engineer, or an X-as-a-service interaction with a platform (or a "
        "managed service) that serves models, before it builds more models.",
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
        "A complicated-subsystem ML team that many stream-aligned teams wait on or work closely "
        "with",
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
        "A capability is provided by more than one team",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Give it one owner; the other teams consume it as X-as-a-service.",
    ),
    Rule(
        "model-owned-twice",
        "A model is owned by more than one team",
        "ml-team-bottleneck",
        Risk.MEDIUM,
        "Give the model one owning team, the one that answers for its outcome; the others "
        "consume it as X-as-a-service.",
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
        "A stream-aligned team serves other teams by request, or serves several teams",
        "ml-team-bottleneck",
        Risk.LOW,
        "Offer the shared service through a platform (or a complicated-subsystem team), so the "
        "stream-aligned team keeps its focus on its own users.",
        "stream-served-teams",
    ),
    Rule(
        "oversized-team",
        "A team larger than a single team can stay",
        "ml-team-bottleneck",
        Risk.LOW,
        "Split the team along streams of work so that each part stays below about nine people.",
        "max-team-size",
    ),
    Rule(
        "ml-team-without-product-owner",
        "A stream-aligned ML team with no one who owns the product outcome",
        "no-product-management",
        Risk.HIGH,
        "Name a product owner who sets the business goal, the milestones and the metric each "
        "model must move, and who can stop work that does not; count them under "
        "`members: {product: ...}`.",
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
    by_team: dict[str, list[Interaction]] = {t: [] for t in (*org.teams, *org.providers)}
    for ix in active:
        by_team[ix.source].append(ix)
        by_team[ix.target].append(ix)
    hits: list[Hit] = []
    for check in _CHECKS:
        hits.extend(sorted(check(org, active, by_team), key=lambda h: h.subject))
    return hits


ByTeam = dict[str, list[Interaction]]
Check = Callable[[Organisation, list[Interaction], ByTeam], Iterator[Hit]]


def _team_hit(rule: Rule, team: Team, title: str, ixs: Sequence[Interaction] = ()) -> Hit:
    return Hit(rule, team.id, title, (team_path(team), *map(interaction_path, ixs)), (team.id,))


def _interaction_hit(org: Organisation, rule: Rule, ix: Interaction, title: str) -> Hit:
    teams = tuple(t for t in (ix.source, ix.target) if t in org.teams)
    return Hit(rule, ix.subject, title, (interaction_path(ix),), teams)


def mlops_team(team: Team) -> bool:
    """A team that engineers ML for other teams: it provides ML capabilities, or it is a
    platform with ML engineers, or a complicated-subsystem or enabling team of ML engineers
    with no scientists or models of its own."""
    if team.ml_provider or (team.type == "platform" and team.ml_engineers):
        return True
    return team.type in ("complicated-subsystem", "enabling") and bool(
        team.ml_engineers and not team.scientists and not team.owns
    )


def close_to(team: Team, ix: Interaction) -> bool:
    """``ix`` keeps ``team`` busy with the other side: collaboration, requests it serves, or
    facilitating (for an enabling team, helping is the job and is judged by its end date)."""
    if ix.mode == "collaboration":
        return True
    if ix.mode == "by-request":
        return ix.source == team.id
    return ix.mode == "facilitating" and ix.source == team.id and team.type != "enabling"


def _mlops_close(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["mlops-close-with-many"], org.thresholds.mlops_close_teams
    for team in org.teams.values():
        if not mlops_team(team):
            continue
        close = [
            ix
            for ix in by_team[team.id]
            if close_to(team, ix)
            and ix.other(team.id) in org.teams
            and org.teams[ix.other(team.id)].scientists > 0
        ]
        if len(close) >= limit:
            ways = sorted({ix.mode for ix in close})
            yield _team_hit(
                rule,
                team,
                f"{len(close)} science teams must ask {team.name} or work closely with it at "
                f"once ({', '.join(ways)}); the threshold is {limit}",
                close,
            )


def path_to_production(org: Organisation, team: Team, by_team: ByTeam) -> bool:
    """Whether ``team`` can get models into production: ML engineers of its own; serving it
    provides or runs itself (it serves another team as X-as-a-service); serving or deployment
    it gets from a team or provider as a service, by request or in collaboration; or an MLOps
    team whose engineers deploy for it (by request or in collaboration)."""
    if team.ml_engineers > 0 or SERVING_CAPABILITIES.intersection(team.provides):
        return True
    for ix in by_team[team.id]:
        if ix.mode == "x-as-a-service" and ix.source == team.id:
            return True  # it runs a service others consume
        served = (ix.mode in SERVICE_MODES and ix.target == team.id) or (ix.mode == "collaboration")
        if not served:
            continue
        other = ix.other(team.id)
        if SERVING_CAPABILITIES.intersection(org.provides(other)):
            return True
        helper = org.teams.get(other)
        deploys = helper is not None and helper.ml_engineers > 0 and mlops_team(helper)
        if ix.mode != "x-as-a-service" and deploys:
            return True
    return False


def _science_path(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule = RULES["science-without-mlops-path"]
    for team in org.teams.values():
        if team.scientists == 0:
            continue
        if not (team.owns or team.type == "stream-aligned"):  # e.g. a validation team
            continue
        if not path_to_production(org, team, by_team):
            yield _team_hit(
                rule,
                team,
                f"{team.name} has {team.scientists} scientist(s), no ML engineers, runs no "
                "service and gets serving or deployment from no team or provider",
            )


def _platform_users(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule = RULES["platform-without-scientists"]
    for team in org.teams.values():
        # A stream-aligned team serving its own models is not a platform; scientists inside
        # a team give it their input.
        if not team.ml_provider or team.type == "stream-aligned" or team.scientists > 0:
            continue
        partners = [
            org.teams[p] for ix in by_team[team.id] if (p := ix.other(team.id)) in org.teams
        ]
        # Its users build models (scientists, or a team that owns models: ML engineers only);
        # infrastructure behind another ML platform reaches them through it.
        if not any(
            p.scientists > 0 or p.owns or (p.ml_provider and p.type == "platform") for p in partners
        ):
            caps = ", ".join(sorted(team.provides))
            yield _team_hit(
                rule,
                team,
                f"{team.name} provides ML capabilities ({caps}) but interacts with no team "
                "that has scientists or owns models",
            )


def _collab_end(org: Organisation, active: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule = RULES["collaboration-without-end"]
    for ix in active:
        if ix.mode == "collaboration" and ix.until is None:
            yield _interaction_hit(
                org,
                rule,
                ix,
                f"The collaboration between {org.name_of(ix.source)} and "
                f"{org.name_of(ix.target)} has no end date (until)",
            )


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (dates)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def _collab_long(org: Organisation, active: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["long-collaboration"], org.thresholds.collaboration_months
    for ix in active:
        if ix.mode != "collaboration" or ix.since is None:
            continue
        months = months_between(ix.since, ix.until if ix.until is not None else org.as_of)
        if months > limit:
            yield _interaction_hit(
                org,
                rule,
                ix,
                f"The collaboration between {org.name_of(ix.source)} and "
                f"{org.name_of(ix.target)} runs {months} months; the threshold is {limit}",
            )


def _enabling_end(org: Organisation, active: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule = RULES["enabling-without-end"]
    for ix in active:
        source = org.teams.get(ix.source)
        enabling = ix.mode == "facilitating" or (
            source is not None and source.type == "enabling" and ix.mode != "oversight"
        )
        if enabling and ix.until is None:
            yield _interaction_hit(
                org,
                rule,
                ix,
                f"{org.name_of(ix.source)} facilitates {org.name_of(ix.target)} with no end "
                "date (until)",
            )


def _many_collabs(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["too-many-collaborations"], org.thresholds.max_collaborations
    for team in org.teams.values():
        collabs = [ix for ix in by_team[team.id] if ix.mode == "collaboration"]
        if len(collabs) > limit:
            yield _team_hit(
                rule,
                team,
                f"{team.name} is in {len(collabs)} collaborations at once; the guidance is at "
                f"most {limit}",
                collabs,
            )


def _subsystem(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["ml-subsystem-bottleneck"], org.thresholds.subsystem_dependents
    for team in org.teams.values():
        if team.type != "complicated-subsystem" or not (team.scientists or team.owns):
            continue
        # Through a model API (X-as-a-service) the subsystem is what the prose recommends;
        # an oversight duty is not a dependency.
        deps = [
            ix
            for ix in by_team[team.id]
            if ix.mode not in ("x-as-a-service", "oversight")
            and (other := org.teams.get(ix.other(team.id))) is not None
            and other.type == "stream-aligned"
        ]
        if len({ix.other(team.id) for ix in deps}) >= limit:
            yield _team_hit(
                rule,
                team,
                f"{len(deps)} stream-aligned teams wait on the ML team {team.name} or work "
                f"closely with it; the threshold is {limit}",
                deps,
            )


def _unowned(org: Organisation, _a: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule = RULES["capability-unowned"]
    provided = {c for t in org.teams.values() for c in t.provides}
    provided.update(c for p in org.providers.values() for c in p.provides)
    for i, cap in enumerate(org.capabilities):
        if cap not in provided:
            yield Hit(rule, cap, f"No team provides the capability {cap!r}", (("capabilities", i),))


def _owned_twice(org: Organisation, rule_id: str, what: str, key: str) -> Iterator[Hit]:
    """A capability (``provides``) or model (``owns``) listed by two or more teams."""
    rule = RULES[rule_id]
    owners: dict[str, list[tuple[Team, int]]] = {}
    for team in org.teams.values():
        for j, ident in enumerate(getattr(team, key)):
            owners.setdefault(ident, []).append((team, j))
    for ident, listed in owners.items():
        if len(listed) > 1:
            names = " and ".join(t.name for t, _ in listed)
            yield Hit(
                rule,
                ident,
                f"The {what} {ident!r} is owned by {len(listed)} teams: {names}",
                tuple((*team_path(t), key, j) for t, j in listed),
                tuple(t.id for t, _ in listed),
            )


def _capability_twice(org: Organisation, _a: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    return _owned_twice(org, "capability-owned-twice", "capability", "provides")


def _model_twice(org: Organisation, _a: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    return _owned_twice(org, "model-owned-twice", "model", "owns")


def depends_on(org: Organisation, team: Team, ix: Interaction) -> bool:
    """Whether ``ix`` is a dependency of ``team`` on another team: a collaboration, help it
    gets, or a service it waits for. Self-service from a platform or a bought provider (the
    low-load shape in Team Topologies) and oversight are not."""
    if ix.mode == "collaboration":
        return True
    if ix.target != team.id or ix.mode == "oversight":
        return False
    if ix.mode == "x-as-a-service":
        source = org.teams.get(ix.source)
        return source is not None and source.type != "platform"
    return True  # by-request, facilitating


def _dependencies(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["too-many-dependencies"], org.thresholds.max_dependencies
    for team in org.teams.values():
        if team.type != "stream-aligned":
            continue
        deps = [ix for ix in by_team[team.id] if depends_on(org, team, ix)]
        partners = {ix.other(team.id) for ix in deps}
        if len(partners) > limit:
            yield _team_hit(
                rule,
                team,
                f"{team.name} depends on {len(partners)} other teams; the threshold is {limit}",
                deps,
            )


def _stream_service(org: Organisation, _a: list[Interaction], by_team: ByTeam) -> Iterator[Hit]:
    """One stream-aligned team serving another its model as X-as-a-service, with one owner, is
    the shape interaction-modes.md gives for a shared model; taking requests, or serving
    several teams, turns it into a service desk or a platform."""
    rule, limit = RULES["stream-provides-service"], org.thresholds.stream_served_teams
    for team in org.teams.values():
        if team.type != "stream-aligned":
            continue
        served = [
            ix for ix in by_team[team.id] if ix.mode in SERVICE_MODES and ix.source == team.id
        ]
        asked = [ix for ix in served if ix.mode == "by-request"]
        if asked or len(served) >= limit:
            how = (
                f"serves {len(asked)} team(s) by request"
                if asked
                else f"serves {len(served)} teams; the threshold is {limit}"
            )
            yield _team_hit(rule, team, f"Stream-aligned team {team.name} {how}", served)


def _oversized(org: Organisation, _a: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule, limit = RULES["oversized-team"], org.thresholds.max_team_size
    for team in org.teams.values():
        if team.size > limit:
            yield Hit(
                rule,
                team.id,
                f"{team.name} has {team.size} people; the threshold is {limit}",
                (("teams", team.index, "members"),),
                (team.id,),
            )


def _no_product_owner(org: Organisation, _a: list[Interaction], _b: ByTeam) -> Iterator[Hit]:
    rule = RULES["ml-team-without-product-owner"]
    for team in org.teams.values():
        ml = team.scientists > 0 or bool(team.owns)
        if (
            team.type == "stream-aligned"
            and ml
            and team.members
            and not team.members.get("product")
        ):
            yield Hit(
                rule,
                team.id,
                f"{team.name} builds models for its stream but counts no product owner among "
                "its members",
                (("teams", team.index, "members"),),
                (team.id,),
            )


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
    _capability_twice,
    _model_twice,
    _dependencies,
    _stream_service,
    _oversized,
    _no_product_owner,
)
