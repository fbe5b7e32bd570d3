"""A whole site on this machine's loopback, as docs/deploy.md lays it out on several machines: PostgreSQL, Redis,
app servers (gunicorn, sync workers) and HAProxy in front of them, each on a free port.

    python -m deploy.cluster          start, print the address, run until Ctrl-C (`make cluster`)
    python -m deploy.cluster stop     stop the one started from this checkout (`make cluster-stop`)

The cross-server tests (tests/cluster/) and the failure drills use `Cluster` to start it, kill or restart one
part, and stop everything. Every process runs in a process group of its own, killed whole on stop; PostgreSQL's
data lives in a temporary folder deleted on stop.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
STATE_FILE = ROOT / "instance" / "cluster.json"  # what `stop` needs to find a cluster started in another shell
APP_SERVERS = 2  # haproxy.cfg names two


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def end_group(pid: int, grace: float = 5.0, child: subprocess.Popen | None = None) -> None:
    """Stop a process group politely (SIGTERM), then for good (SIGKILL) after `grace` seconds. `child`: the
    group's leader when it is our child, reaped here (a zombie leader would keep its group alive)."""

    def gone() -> bool:
        if child is not None:
            return child.poll() is not None
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return True
        return False

    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while not gone() and time.monotonic() < deadline:
            time.sleep(0.02)
        if gone():
            break
    if child is not None:
        child.wait()


class Postgres:
    """A throw-away PostgreSQL server (as tests/postgres/run.sh starts one), with pg_stat_statements loaded."""

    def __init__(self, folder: Path):
        initdb = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not initdb:
            raise RuntimeError("PostgreSQL is missing: `make cluster` installs it (apt-get install postgresql)")
        self.bin = initdb[-1].parent
        self.folder = folder
        self.data = folder / "postgres"
        self.port = free_port()
        # initdb refuses to run as root: then the data belong to the `postgres` user.
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/sportello"

    def create(self) -> None:
        self.data.mkdir()
        if self.run_as:
            shutil.chown(self.data, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "sportello")
        self._run("psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "sportello",
                  "-c", "CREATE EXTENSION pg_stat_statements")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off "
                   "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self.run_as, str(self.bin / program), *args], check=True, stdout=subprocess.DEVNULL,
                       cwd="/")


class Cluster:
    """Start with `start()` (or `with Cluster() as cluster:`); `url` is the load balancer's address."""

    def __init__(self, workers: int = 2, extra_env: dict[str, str] | None = None):
        self.workers = workers
        self.extra_env = extra_env or {}
        self.folder = Path(tempfile.mkdtemp(prefix="sportello-cluster-"))
        os.chmod(self.folder, 0o755)  # the postgres user reaches its data folder inside
        self.postgres = Postgres(self.folder)
        self.redis_port = free_port()
        self.balancer_port = free_port()
        self.app_ports = [free_port() for _ in range(APP_SERVERS)]
        self.processes: dict[str, subprocess.Popen] = {}
        self.secret_key = secrets.token_hex(32)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.balancer_port}"

    def app_server_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.app_ports[number]}"

    def env(self, number: int = 0) -> dict[str, str]:
        """The settings every app server shares (docs/deploy.md), and the mail folder of server `number`:
        a folder each, as separate machines would have, so a message sent twice shows as two files."""
        return {
            **{key: value for key, value in os.environ.items() if not key.startswith(("FLASK_", "TEST_"))},
            "DATABASE_URL": self.postgres.url,
            "SECRET_KEY": self.secret_key,
            "FLASK_SITE_URL": self.url,
            "FLASK_SEARCH_BACKEND": "postgres",
            "FLASK_RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{self.redis_port}/0",
            "FLASK_RATELIMIT_STORAGE_OPTIONS": json.dumps({"socket_connect_timeout": 1, "socket_timeout": 1}),
            "FLASK_UPLOADS_STORAGE": "database",
            "FLASK_PROXY_HOPS": "1",
            "FLASK_MAIL_DIR": str(self.folder / f"mail-{number + 1}"),
            **self.extra_env,
        }

    def __enter__(self) -> "Cluster":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self.postgres.create()
        self.start_redis()
        self.flask("db", "upgrade")
        for number in range(APP_SERVERS):
            self.start_app_server(number)
        self.start_balancer()

    def stop(self) -> None:
        for name in list(self.processes):
            self._end(name)
        self.postgres.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def state(self) -> dict:
        return {"pid": os.getpid(), "folder": str(self.folder), "groups": [p.pid for p in self.processes.values()],
                "postgres": {"bin": str(self.postgres.bin), "data": str(self.postgres.data),
                             "run_as": self.postgres.run_as}}

    # The parts, each started and stopped on its own (the failure drills stop one at a time).

    def start_redis(self) -> None:
        self._spawn("redis", ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
                              "--appendonly", "no", "--dir", str(self.folder)])
        wait_for_port(self.redis_port, 10, self.processes["redis"])

    def stop_redis(self) -> None:
        self._end("redis")

    def start_app_server(self, number: int, settings: dict[str, str] | None = None) -> None:
        """Start app server `number`; `settings`: what this one server runs with besides the shared ones (a drill's
        broken mail relay)."""
        name = f"app{number + 1}"
        self._spawn(name, [str(BIN / "gunicorn"), "wsgi:app", "--workers", str(self.workers), "--worker-class",
                           "sync", "--bind", f"127.0.0.1:{self.app_ports[number]}", "--timeout", "30",
                           "--graceful-timeout", "5"], env={**self.env(number), **(settings or {})})
        wait_for_port(self.app_ports[number], 60, self.processes[name])

    def kill_app_server(self, number: int) -> None:
        """Every process of the server at once (SIGKILL): what a crashed machine does to its requests."""
        process = self.processes.pop(f"app{number + 1}")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def start_balancer(self) -> None:
        env = {**os.environ, "SPORTELLO_LB": f"127.0.0.1:{self.balancer_port}", "SPORTELLO_HOST": "127.0.0.1",
               **{f"SPORTELLO_APP{n + 1}": f"127.0.0.1:{port}" for n, port in enumerate(self.app_ports)}}
        self._spawn("haproxy", ["haproxy", "-db", "-f", str(HAPROXY_CONFIG)], env=env)
        wait_for_port(self.balancer_port, 10, self.processes["haproxy"])
        self.wait_until_balanced()

    def wait_until_balanced(self, seconds: float = 30) -> None:
        """Until each app server answers through the balancer (its health checks passed)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5) as response:  # noqa: S310
                    if response.status == 200 and all(self._answers(n) for n in range(len(self.app_ports))):
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the load balancer at {self.url} did not come up in {seconds} s")

    def _answers(self, number: int) -> bool:
        if f"app{number + 1}" not in self.processes:
            return True
        request = urllib.request.Request(f"{self.app_server_url(number)}/robots.txt", headers={"Host": "127.0.0.1"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our own loopback server
                return response.status == 200
        except OSError:
            return False

    def flask(self, *args: str, number: int = 0, check: bool = True) -> subprocess.CompletedProcess:
        """A `flask` command as app server `number` runs it (cron's jobs, a migration)."""
        return subprocess.run([str(BIN / "flask"), "--app", "wsgi.py", *args], cwd=ROOT, env=self.env(number),
                              check=check, capture_output=True, text=True, timeout=300)

    def python(self, code: str, number: int = 0) -> str:
        """Run Python lines in app server `number`'s application context (wsgi.app, its settings), as an
        operator's one-off script would; returns what it printed."""
        program = "from wsgi import app\nwith app.app_context():\n" + "".join(
            f"    {line}\n" for line in code.splitlines())
        return subprocess.run([str(BIN / "python"), "-c", program], cwd=ROOT, env=self.env(number), check=True,
                              capture_output=True, text=True, timeout=300).stdout

    def _spawn(self, name: str, command: Sequence[str], env: dict[str, str] | None = None) -> None:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it open
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()

    def _end(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            end_group(process.pid, child=process)

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def stop_recorded() -> bool:
    """Stop the cluster STATE_FILE names (started by `make cluster` in another shell)."""
    if not STATE_FILE.exists():
        return False
    state = json.loads(STATE_FILE.read_text())
    try:  # the process that started it stops everything, as on Ctrl-C
        os.kill(state["pid"], signal.SIGTERM)
        deadline = time.monotonic() + 20
        while STATE_FILE.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    except ProcessLookupError:
        pass
    if not STATE_FILE.exists():
        return True
    for pid in state["groups"]:  # that process is gone: its parts are ended here
        end_group(pid)
    postgres = state["postgres"]
    subprocess.run([*postgres["run_as"], f"{postgres['bin']}/pg_ctl", "-D", postgres["data"], "-m", "immediate",
                    "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    shutil.rmtree(state["folder"], ignore_errors=True)
    STATE_FILE.unlink()
    return True


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    if argv[1:] == ["stop"]:
        print("Stopped the cluster." if stop_recorded() else "No cluster is running from this checkout.")
        return 0
    if STATE_FILE.exists() and _alive(json.loads(STATE_FILE.read_text())["pid"]):
        print(f"A cluster already runs from this checkout ({STATE_FILE}); `make cluster-stop` ends it.")
        return 1
    stop_recorded()  # what a killed `make cluster` left
    # SIGTERM (`make cluster-stop`, a closed terminal) stops everything the same way Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    # The demo's brand team may try two-factor sign-in (as `make run`); production requires it.
    with Cluster(extra_env={"FLASK_STAFF_2FA": "optional"}) as cluster:
        STATE_FILE.parent.mkdir(exist_ok=True)
        STATE_FILE.write_text(json.dumps(cluster.state()))
        try:
            return _serve(cluster, demo="--demo" in argv)
        finally:
            STATE_FILE.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _serve(cluster: Cluster, demo: bool) -> int:
    if demo:
        cluster.flask("demo", "seed", "--if-empty")
    print(f"Sportello is at {cluster.url}/  (two app servers behind HAProxy, PostgreSQL on port "
          f"{cluster.postgres.port}, Redis on {cluster.redis_port}; logs in {cluster.folder})")
    print("Ctrl-C (or `make cluster-stop`) stops everything.", flush=True)
    try:
        while all(process.poll() is None for process in cluster.processes.values()):
            time.sleep(0.5)
        print("A part of the cluster exited; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopping…", flush=True)
        for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C would leave half the parts running
            signal.signal(sig, signal.SIG_IGN)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
