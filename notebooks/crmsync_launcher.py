"""Runs one `crmsync` verb on a Databricks driver and fails the task when the verb fails.

Used by every task of jobs/crm_sync_job.json as a `spark_python_task`, so this is a plain Python
file rather than a notebook: Databricks passes the task parameters as command-line arguments.

    python crmsync_launcher.py <verb> [crmsync options...]     e.g. unify --config ... --lake ...

The binary comes from $CRMSYNC_BIN (the self-contained linux-x64 build on a Unity Catalog
volume). Volumes are FUSE mounts that may not allow executing files, so the binary is copied to
local disk first. Secrets arrive as environment variables set on the job cluster from a secret
scope; they are passed through to the binary untouched and never printed here.

Standard library only (see requirements.txt).
"""

import os
import shutil
import subprocess
import sys
import tempfile

BINARY_VARIABLE = "CRMSYNC_BIN"
DEFAULT_BINARY = "/Volumes/main/crmsync/crmsync/bin/crmsync"


def local_copy(binary):
    """Copies the binary next to a local bundle-extraction folder; reuses the copy when unchanged."""
    if not os.path.isfile(binary):
        raise FileNotFoundError(
            f"crmsync binary not found at {binary}; publish it with `crmsync publish` and upload it "
            f"there, or set {BINARY_VARIABLE} to where it is"
        )
    local_dir = os.path.join(tempfile.gettempdir(), "crmsync")
    os.makedirs(local_dir, exist_ok=True)
    target = os.path.join(local_dir, "crmsync")
    source_stat = os.stat(binary)
    if not (
        os.path.isfile(target)
        and os.stat(target).st_size == source_stat.st_size
        and os.stat(target).st_mtime == source_stat.st_mtime
    ):
        shutil.copy2(binary, target)
    os.chmod(target, 0o755)
    return target, local_dir


def run(arguments, environment=None, output=None):
    """Runs crmsync with `arguments`, streams its output line by line, returns its exit code."""
    environment = dict(os.environ if environment is None else environment)
    output = output or sys.stdout
    binary, local_dir = local_copy(environment.get(BINARY_VARIABLE, DEFAULT_BINARY))
    # A single-file .NET app unpacks its native libraries (DuckDB, Parquet) here on first start.
    environment.setdefault("DOTNET_BUNDLE_EXTRACT_BASE_DIR", os.path.join(local_dir, "bundle"))
    print(f"crmsync launcher: running crmsync {' '.join(arguments)}", file=output, flush=True)
    with subprocess.Popen(
        [binary, *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    ) as process:
        for line in process.stdout:
            output.write(line)
            output.flush()
        return process.wait()


def main(arguments):
    if not arguments:
        print("usage: crmsync_launcher.py <verb> [options...]", file=sys.stderr)
        return 2
    exit_code = run(arguments)
    if exit_code != 0:
        print(
            f"crmsync launcher: `crmsync {arguments[0]}` exited with code {exit_code}; "
            "read its output above, fix the cause and repair the run",
            file=sys.stderr,
            flush=True,
        )
    return exit_code


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # Only a non-zero exit fails the Databricks task; exiting 0 explicitly is unnecessary there.
    if code != 0:
        sys.exit(code)
