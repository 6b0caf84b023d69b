"""Several Streamlit processes of the app behind one address, on this machine (make cluster).

    python -m deploy.cluster --replicas 2 --port 8500 [--check-path /ready]

Starts N replicas (`python -m streamlit run serve/streamlit_app.py --server.headless true ... --server.port P
--server.address 127.0.0.1`) on free loopback ports, waits until each answers its health check,
writes an HAProxy configuration (deploy/render_haproxy.py: cookie affinity, health checks,
websocket timeouts) and runs `haproxy -f CFG -db` in the foreground. On SIGINT or SIGTERM it soft-
stops HAProxy first (SIGUSR1: no new connections, open ones drain for at most --drain-seconds),
then stops the replicas. The replicas and HAProxy run in their own process groups, so a Ctrl-C in
the terminal reaches this script only and the order above holds.

bench/capacity.py uses the Cluster class directly (and kills one replica to count lost views).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy.render_haproxy import DEFAULT_API_RATE, DEFAULT_SESSION_RATE, render

ROOT = Path(__file__).resolve().parents[1]
# Readiness, not liveness: a replica gets visitors once its data is loaded and valid (simatlas/api.py).
# An app without the endpoint (bench/floor_app.py) needs --check-path /_stcore/health: Streamlit
# answers any unknown path 200 with its HTML shell, so /ready there would always look ready.
CHECK_PATH = "/ready"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def streamlit_command(python: str, app: str, port: int, host: str = "127.0.0.1") -> list[str]:
    """The replica command: `make run`'s, headless, on a loopback port."""
    return [
        python,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.port",
        str(port),
        "--server.address",
        host,
    ]


def wait_healthy(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(
                f"process {process.pid} exited with {process.returncode} before {url} answered"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # loopback only, no proxy
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s")


def _no_proxy_opener() -> None:
    # Health checks go to loopback: never through an HTTP proxy from the environment.
    urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass
class Replica:
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    replicas: int = 2
    port: int = 8500
    app: str = "serve/streamlit_app.py"
    app_dir: Path = ROOT
    bind_host: str = "127.0.0.1"
    check_path: str = CHECK_PATH
    drain_seconds: int = 10
    python: str = sys.executable
    haproxy: str = "haproxy"
    quiet: bool = True  # replicas' and HAProxy's output to log files in work_dir
    env: dict | None = None
    # Per-client limits in HAProxy (deploy.render_haproxy); None for both: none (a load generator).
    api_rate: int | None = DEFAULT_API_RATE
    session_rate: int | None = DEFAULT_SESSION_RATE
    started: list[Replica] = field(default_factory=list)
    proxy: subprocess.Popen | None = None
    work_dir: Path | None = None
    _logs: list = field(default_factory=list)

    @property
    def address(self) -> str:
        host = f"[{self.bind_host}]" if ":" in self.bind_host else self.bind_host
        return f"http://{host}:{self.port}"

    @property
    def config_path(self) -> Path:
        assert self.work_dir is not None
        return self.work_dir / "haproxy.cfg"

    def start(self, timeout: float = 120) -> Cluster:
        if shutil.which(self.haproxy) is None:
            raise RuntimeError("haproxy is not installed (make cluster installs it with apt)")
        _no_proxy_opener()
        self.work_dir = Path(tempfile.mkdtemp(prefix="simatlas-cluster-"))
        try:
            for _ in range(self.replicas):
                self.start_replica()
            for replica in self.started:
                wait_healthy(replica.base + self.check_path, timeout, replica.process)
            self.config_path.write_text(
                render(
                    [("127.0.0.1", r.port) for r in self.started],
                    self.port,
                    bind_host=self.bind_host,
                    check_path=self.check_path,
                    drain_seconds=self.drain_seconds,
                    stats_socket=str(self.work_dir / "haproxy.sock"),
                    api_rate=self.api_rate,
                    session_rate=self.session_rate,
                )
            )
            check = subprocess.run(
                [self.haproxy, "-c", "-q", "-f", str(self.config_path)], capture_output=True, text=True
            )
            if check.returncode != 0:
                raise RuntimeError(f"HAProxy refused the configuration:\n{check.stdout}{check.stderr}")
            self.proxy = subprocess.Popen(
                [self.haproxy, "-f", str(self.config_path), "-db"],
                **self._output("haproxy"),
                start_new_session=True,
            )
            wait_healthy(self.address + self.check_path, 30, self.proxy)
        except BaseException:
            self.stop()
            raise
        return self

    def start_replica(self) -> Replica:
        port = free_port()
        process = subprocess.Popen(
            streamlit_command(self.python, self.app, port),
            cwd=self.app_dir,
            env={**os.environ, **(self.env or {})},
            start_new_session=True,
            **self._output(f"replica-{port}"),
        )
        replica = Replica(port, process)
        self.started.append(replica)
        return replica

    def _output(self, name: str) -> dict:
        if not self.quiet or self.work_dir is None:
            return {}
        log = open(self.work_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        return {"stdout": log, "stderr": subprocess.STDOUT}

    def stop(self) -> None:
        """Soft-stop HAProxy (drain), then stop the replicas."""
        if self.proxy is not None:
            stop_process(self.proxy, signal.SIGUSR1, timeout=self.drain_seconds + 5)
            self.proxy = None
        for replica in self.started:
            stop_process(replica.process)
        self.started = []
        for log in self._logs:
            log.close()
        self._logs = []
        if self.work_dir is not None and not self.quiet:  # quiet runs keep their logs for a post-mortem
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500, help="the one address's port (default 8500)")
    parser.add_argument(
        "--bind-host",
        default="127.0.0.1",
        help="the one address's host (default 127.0.0.1; replicas stay on loopback)",
    )
    parser.add_argument("--app", default="serve/streamlit_app.py")
    parser.add_argument(
        "--check-path",
        default=CHECK_PATH,
        help=f"health-check path (default {CHECK_PATH}: data loaded; /_stcore/health: server up)",
    )
    parser.add_argument(
        "--drain-seconds",
        type=int,
        default=10,
        help="on stop, how long open connections may drain (default 10)",
    )
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")

    cluster = Cluster(
        replicas=args.replicas,
        port=args.port,
        app=args.app,
        bind_host=args.bind_host,
        check_path=args.check_path,
        drain_seconds=args.drain_seconds,
        quiet=False,
    )
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        print(
            f"\nsignal {signum}: draining HAProxy (≤ {args.drain_seconds} s), then stopping replicas",
            flush=True,
        )
        if cluster.proxy is not None and cluster.proxy.poll() is None:
            cluster.proxy.send_signal(signal.SIGUSR1)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"starting {args.replicas} replica(s) of {args.app} ...", flush=True)
    cluster.start()
    ports = ", ".join(str(r.port) for r in cluster.started)
    print(
        f"SIM Atlas on {cluster.address} (replicas on 127.0.0.1: {ports}; "
        f"config {cluster.config_path}; health {args.check_path}). Ctrl-C stops.",
        flush=True,
    )
    try:
        while cluster.proxy is not None and cluster.proxy.poll() is None:
            try:
                cluster.proxy.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
        code = cluster.proxy.returncode if cluster.proxy is not None else 0
        if not stopping:
            print(f"haproxy exited on its own ({code}): stopping replicas", flush=True)
    finally:
        cluster.stop()
    return 0 if stopping else (code or 1)


if __name__ == "__main__":
    sys.exit(main())
