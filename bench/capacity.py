"""Capacity under a websocket crowd: the floor, SIM Atlas on one process, on N replicas, and a fault.

    python -m bench.capacity                      # 8 users, 20 s per scenario (about 3 minutes)
    python -m bench.capacity --users 8 --seconds 20 --replicas 2 [--head]

Every scenario runs bench/ws_load.py's virtual users (Streamlit's own protocol, no browser) on
loopback, after one warm-up visit of every link on every process:

- floor: bench/floor_app.py (one line of text) on 1 process, links without page names, with the
  project's server configuration (.streamlit/config.toml), as SIM Atlas runs;
- floor-defaults: the same with Streamlit's default full garbage collection after every run, which
  the project's configuration turns off (the reference of sessions before the change);
- floor-streamlit: the floor as Streamlit ships: its full gc.collect after every run and its file
  watcher (which, after every run, resolves the path of every loaded module), both of which the
  project's configuration turns off; what earlier sessions measured against;
- floor-components: bench/component_floor_app.py (one st.dataframe and two st.altair_chart, no logic)
  with the project's configuration: what a page's framework components alone cost;
- simatlas-1: serve/streamlit_app.py on 1 process, direct;
- simatlas-1-haproxy: serve/streamlit_app.py on 1 replica behind HAProxy (what the proxy itself costs);
- simatlas-N: serve/streamlit_app.py on N replicas behind HAProxy (deploy/cluster.py: cookie affinity);
- fault: N replicas behind HAProxy, one replica killed with SIGKILL a third of the way in; its users
  reconnect through the same address and reopen their link. Views lost and errors are counted.

Prints one table and the ratios against the goals (SIM Atlas ≥ 0.5× the floor's opens/s; N=2
replicas ≥ 1.7× one process; views lost = 0), and writes everything to bench/results/. CPU use of
the servers and of the load generator is measured from /proc: on a 2-core machine the generator
shares the cores with the servers, which is part of what the figures mean.

--head serves the last commit (`git archive HEAD` into a temporary folder) instead of the working
tree, for when the tree is mid-change.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.ws_load import DEFAULT_LINKS, parse_link, run_load, warm
from deploy.cluster import Cluster, free_port, stop_process, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
GOALS = {"simatlas_vs_floor": 0.5, "replicas_vs_one": 1.7, "views_lost": 0}


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values[:8]) - idle) / tick, sum(values[:8]) / tick


def floor_links(links) -> list[str]:
    return ["/?" + parse_link(link)[1] for link in links]


class Single:
    """One Streamlit process on a free loopback port."""

    def __init__(self, app: str, app_dir: Path, flags: tuple[str, ...] = ()) -> None:
        self.app, self.app_dir, self.flags = app, app_dir, flags

    def __enter__(self) -> Single:
        self.port = free_port()
        self.process = subprocess.Popen(
            [*streamlit_command(sys.executable, self.app, self.port), *self.flags],
            cwd=self.app_dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_healthy(f"http://127.0.0.1:{self.port}/_stcore/health", 90, self.process)
        except BaseException:
            stop_process(self.process)
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop_process(self.process)

    @property
    def ports(self) -> list[int]:
        return [self.port]

    @property
    def pids(self) -> list[int]:
        return [self.process.pid]


async def measure(
    port: int, server_pids, warm_ports, links, users: int, seconds: float, changes: int, on_start=None
) -> dict:
    for warm_port in warm_ports:
        await warm("127.0.0.1", warm_port, links)
    pids = list(server_pids())
    before = {pid: cpu_seconds(pid) for pid in pids}
    own_before = time.process_time()
    busy_before, total_before = machine_cpu()
    result = await run_load(
        "127.0.0.1", port, users=users, seconds=seconds, links=links, changes=changes, on_start=on_start
    )
    result["server_cpu_s"] = round(sum(cpu_seconds(pid) - before[pid] for pid in pids), 1)
    # CPU per script run: what a run costs the server, whatever else shares the cores (opens/s and
    # latencies move with the machine's other load; this moves much less).
    runs = result["page_opens"] + result["changes"]
    result["server_cpu_ms_per_run"] = round(1000 * result["server_cpu_s"] / runs) if runs else None
    result["generator_cpu_s"] = round(time.process_time() - own_before, 1)
    busy_after, total_after = machine_cpu()
    result["machine_busy_pct"] = round(
        100 * (busy_after - busy_before) / max(1e-9, total_after - total_before)
    )
    # What else ran on the cores meanwhile (other users' tests, the kernel): figures are only
    # comparable when this is small.
    result["other_cpu_s"] = round(
        busy_after - busy_before - result["server_cpu_s"] - result["generator_cpu_s"], 1
    )
    return result


def scenario_single(app: str, app_dir: Path, links, args, flags: tuple[str, ...] = ()) -> dict:
    with Single(app, app_dir, flags) as server:
        return asyncio.run(
            measure(
                server.port, lambda: server.pids, server.ports, links, args.users, args.seconds, args.changes
            )
        )


def scenario_cluster(replicas: int, app_dir: Path, links, args, kill_after: float | None = None) -> dict:
    # Every simulated visitor comes from one address: the per-client limits would refuse the load.
    cluster = Cluster(replicas=replicas, port=free_port(), app_dir=app_dir, drain_seconds=2,
                      api_rate=None, session_rate=None)
    with cluster:
        killed: list[int] = []

        async def kill_one() -> None:
            assert kill_after is not None
            await asyncio.sleep(kill_after)
            victim = cluster.started[0].process
            killed.append(victim.pid)
            os.kill(victim.pid, signal.SIGKILL)

        def pids():
            assert cluster.proxy is not None
            return [r.process.pid for r in cluster.started] + [cluster.proxy.pid]

        result = asyncio.run(
            measure(
                cluster.port,
                pids,
                [r.port for r in cluster.started],
                links,
                args.users,
                args.seconds,
                args.changes,
                on_start=kill_one if kill_after is not None else None,
            )
        )
        result["killed_pid"] = killed[0] if killed else None
        result["logs"] = str(cluster.work_dir)
        return result


def head_snapshot() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="simatlas-head-"))
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def table(results: dict) -> str:
    head = (
        "scenario",
        "procs",
        "opens/s",
        "runs/s",
        "open p50 ms",
        "open p95 ms",
        "change p50 ms",
        "change p95 ms",
        "errors",
        "disconnects",
        "views lost",
        "server CPU s",
        "server CPU ms/run",
        "generator CPU s",
        "other CPU s",
        "machine busy %",
    )
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, r in results.items():
        cells = (
            name,
            r["procs"],
            r["opens_per_s"],
            r["runs_per_s"],
            r["open_p50_ms"],
            r["open_p95_ms"],
            r["change_p50_ms"],
            r["change_p95_ms"],
            r["errors"],
            r["disconnects"],
            r["views_lost"],
            r["server_cpu_s"],
            r.get("server_cpu_ms_per_run"),
            r["generator_cpu_s"],
            r["other_cpu_s"],
            r["machine_busy_pct"],
        )
        rows.append("| " + " | ".join("–" if c is None else str(c) for c in cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--changes", type=int, default=3)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--head", action="store_true", help="serve the last commit, not the working tree")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios: floor,floor-defaults,floor-streamlit,floor-components,simatlas-1,"
             "simatlas-1-haproxy,simatlas-N,fault",
    )
    args = parser.parse_args(argv)
    app_dir = head_snapshot() if args.head else ROOT
    links = list(DEFAULT_LINKS)
    n = args.replicas
    plan: dict[str, Callable[[], tuple[dict, dict]]] = {
        "floor": lambda: (
            {"procs": 1},
            scenario_single("bench/floor_app.py", app_dir, floor_links(links), args),
        ),
        # The floor with Streamlit's own default of a full gc.collect after every run, which the
        # project's .streamlit/config.toml turns off for every app started here (the floor included):
        # the reference earlier sessions measured against.
        "floor-defaults": lambda: (
            {"procs": 1},
            scenario_single("bench/floor_app.py", app_dir, floor_links(links), args,
                            flags=("--runner.postScriptGC", "true")),
        ),
        "floor-streamlit": lambda: (
            {"procs": 1},
            scenario_single("bench/floor_app.py", app_dir, floor_links(links), args,
                            flags=("--runner.postScriptGC", "true", "--server.fileWatcherType", "auto")),
        ),
        "floor-components": lambda: (
            {"procs": 1},
            scenario_single("bench/component_floor_app.py", app_dir, floor_links(links), args),
        ),
        "simatlas-1": lambda: ({"procs": 1}, scenario_single("serve/streamlit_app.py", app_dir, links, args)),
        "simatlas-1-haproxy": lambda: ({"procs": "1+HAProxy"}, scenario_cluster(1, app_dir, links, args)),
        f"simatlas-{n}": lambda: ({"procs": f"{n}+HAProxy"}, scenario_cluster(n, app_dir, links, args)),
        "fault": lambda: (
            {"procs": f"{n}+HAProxy, 1 killed"},
            scenario_cluster(n, app_dir, links, args, kill_after=args.seconds / 3),
        ),
    }
    wanted = [w.replace("simatlas-N", f"simatlas-{n}") for w in (args.only or ",".join(plan)).split(",")]
    results: dict[str, dict] = {}
    for name in wanted:
        print(f"… {name} ({args.users} users, {args.seconds:.0f} s)", file=sys.stderr, flush=True)
        extra, result = plan[name]()
        results[name] = {**extra, **result}

    def opens(name):
        return results.get(name, {}).get("opens_per_s")

    def cpu_per_run(name):
        return results.get(name, {}).get("server_cpu_ms_per_run")

    ratios = {
        "simatlas_vs_floor": ratio(opens("simatlas-1"), opens("floor")),
        "simatlas_vs_floor_with_streamlit_defaults": ratio(opens("simatlas-1"), opens("floor-defaults")),
        "simatlas_vs_floor_as_streamlit_ships": ratio(opens("simatlas-1"), opens("floor-streamlit")),
        "simatlas_vs_component_floor": ratio(opens("simatlas-1"), opens("floor-components")),
        f"replicas_{n}_vs_one": ratio(opens(f"simatlas-{n}"), opens("simatlas-1")),
        f"replicas_{n}_vs_one_behind_haproxy": ratio(opens(f"simatlas-{n}"), opens("simatlas-1-haproxy")),
        "haproxy_1_vs_direct": ratio(opens("simatlas-1-haproxy"), opens("simatlas-1")),
        # The same ratio from CPU per run (floor ÷ SIM Atlas): what one core would give each when
        # nothing else ran; both scenarios open the same links and make the same changes.
        "simatlas_vs_floor_by_cpu": ratio(cpu_per_run("floor"), cpu_per_run("simatlas-1")),
    }
    print(table(results))
    print()
    for key, value in ratios.items():
        print(f"{key}: {value if value is not None else '–'}")
    goal_lines = []
    if ratios["simatlas_vs_floor"] is not None:
        goal_lines.append(
            ("SIM Atlas ≥ 0.5× floor opens/s", ratios["simatlas_vs_floor"] >= GOALS["simatlas_vs_floor"])
        )
    replicas_vs_one = ratios[f"replicas_{n}_vs_one"]
    if replicas_vs_one is not None:
        goal_lines.append((f"{n} replicas ≥ 1.7× one", replicas_vs_one >= GOALS["replicas_vs_one"]))
    if "fault" in results:
        goal_lines.append(("views lost = 0 (fault run)", results["fault"]["views_lost"] == 0))
    for text, met in goal_lines:
        print(f"goal {text}: {'met' if met else 'MISSED'}")
    for name, r in results.items():
        for sample in r["error_samples"] + r["lost_samples"] + r["disconnect_samples"]:
            print(f"  {name}: {sample}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"capacity-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "args": vars(args),
                "source": "HEAD" if args.head else "working tree",
                "cpus": os.cpu_count(),
                "results": results,
                "ratios": ratios,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"\nsamples: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
