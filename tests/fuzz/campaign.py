"""Long fuzz campaigns: many cases, a printed seed, every broken promise replayable.

Run from the repository root::

    .venv/bin/python tests/fuzz/campaign.py --cases 1000000            # the long run
    .venv/bin/python tests/fuzz/campaign.py --cases 200000 --target edition --seed 7
    .venv/bin/python tests/fuzz/campaign.py --replay edition:7:12345   # one case again

Targets are chosen in turn (``--target`` picks one or several). Case ``i`` of a
campaign with seed ``S`` draws every choice from ``random.Random(S * 10**9 + i)``,
so ``--replay TARGET:S:i`` rebuilds exactly that input. The campaign prints its
seed first, a line per broken promise as it happens, and a summary at the end;
it exits 1 if any case broke the promise. The promise is the one of
``tests/fuzz/targets.py`` (``docs/reliability.md``).
"""

from __future__ import annotations

import argparse
import collections
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz import targets
from fuzz.mutations import RandomChooser


def _case_seed(seed: int, index: int) -> int:
    return seed * 10**9 + index


def _run_one(
    target: str, seed: int, index: int, folder: Path, cli: targets.CliFiles
) -> tuple[targets.Outcome, str]:
    choose = RandomChooser(_case_seed(seed, index))
    if target == "cli":
        argv = targets.cli_input(cli, choose)
        return targets.run_case(lambda: targets.cli_case(argv), trace=index % 500 == 499), " ".join(
            argv
        )
    large = (
        target == "edition" and index % 100 == 0
    )  # one edition case in 100 starts from the full edition
    payload = targets.loader_input(target, choose, large=large)
    work = targets.loader_work(target, payload, folder)
    return targets.run_case(work, trace=index % 200 == 199), f"{len(payload)} chars/bytes"


def main(argv: list[str] | None = None) -> int:
    """Run a campaign; print the seed, each failure and the figures; 1 if any case failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases over all targets chosen")
    parser.add_argument(
        "--seed", type=int, default=None, help="the campaign seed (default: random)"
    )
    parser.add_argument(
        "--target",
        action="append",
        choices=targets.TARGETS,
        help="a target to fuzz (repeatable; default: all, 1 CLI case in 24)",
    )
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="stop after this many minutes (the figures are of the cases run)",
    )
    parser.add_argument(
        "--replay", metavar="TARGET:SEED:INDEX", help="run one case again and show it"
    )
    args = parser.parse_args(argv)
    if args.replay:
        target, seed, index = args.replay.split(":")
        with targets.scratch() as folder:
            cli = targets.CliFiles(folder)
            outcome, shown = _run_one(target, int(seed), int(index), folder, cli)
        print(f"{args.replay}: {shown}\n  {outcome}")
        return 1 if outcome.crash else 0
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    chosen = args.target or ["edition"] * 8 + ["changeset"] * 4 + ["crosswalk"] * 3 + [
        "config"
    ] * 2 + ["ingest"] * 2 + ["notes"] * 2 + ["silent", "office", "cli"]
    print(
        f"fuzz campaign: seed {seed}, {args.cases:,} cases, targets {sorted(set(chosen))}",
        flush=True,
    )
    counts: collections.Counter[str] = collections.Counter()
    refused: collections.Counter[str] = collections.Counter()
    known: collections.Counter[str] = collections.Counter()
    slowest: dict[str, float] = collections.defaultdict(float)
    peak = 0
    failures: list[str] = []
    started = time.perf_counter()
    with targets.scratch() as folder:
        cli = targets.CliFiles(folder)
        for index in range(args.cases):
            if args.minutes is not None and time.perf_counter() - started > args.minutes * 60:
                print(f"  stopped after {args.minutes} minutes", flush=True)
                break
            target = chosen[index % len(chosen)]
            outcome, shown = _run_one(target, seed, index, folder, cli)
            counts[target] += 1
            refused[target] += outcome.refused
            slowest[target] = max(slowest[target], outcome.seconds)
            peak = max(peak, outcome.peak or 0)
            if outcome.known:
                known[outcome.known] += 1
            if outcome.crash:
                line = f"FAIL {target}:{seed}:{index} {outcome.crash} ({shown[:200]})"
                failures.append(line)
                print(line, flush=True)
            if index and index % 10_000 == 0:
                print(
                    f"  {index:,} cases, {len(failures)} failures, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
    wall = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"seed {seed}: {sum(counts.values()):,} cases in {wall:.0f} s, {len(failures)} broke the promise"
    )
    print(f"  with: {' '.join(sys.argv[1:]) or '(defaults)'}; Python {sys.version.split()[0]}")
    for target in sorted(counts):
        print(
            f"  {target:10} {counts[target]:>9,} cases  {refused[target]:>9,} refused  "
            f"slowest {slowest[target]:.3f} s CPU"
        )
    for owner, count in known.most_common():
        print(f"  known, owned elsewhere: {count:,} x {owner}")
    print(f"  peak traced memory of a sampled case {peak / 2**20:.1f} MiB; peak RSS {rss:.0f} MiB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
