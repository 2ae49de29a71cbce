"""CPU time spent during a window, from /proc: the server's processes, PostgreSQL, this process,
and the whole machine (other tenants included), to tell a CPU-bound figure from a waiting one."""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, user+system ticks) of a process, or None if it is gone."""
    try:
        after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(after_name[1]), int(after_name[11]) + int(after_name[12])


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def snapshot(pids: dict[str, int | None]) -> dict[str, float]:
    """CPU seconds so far of: each named process with its descendants (the server, the
    projector), every ``postgres`` process, this process, and the machine (all cores)."""
    running = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    stats = {pid: s for pid in running if (s := _stat(pid))}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    tree = {}
    for name, root in pids.items():
        ticks, todo = 0, [root] if root else []
        while todo:
            pid = todo.pop()
            ticks += stats.get(pid, (0, 0))[1]
            todo.extend(children.get(pid, []))
        tree[name] = ticks / TICK
    postgres = sum(ticks for pid, (_, ticks) in stats.items() if _comm(pid) == "postgres")
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return tree | {
        "postgres": postgres / TICK,
        "bench": sum(os.times()[:2]),
        "machine_busy": (sum(fields) - idle) / TICK,
        "machine_total": sum(fields) / TICK,
    }


def spent(before: dict[str, float], after: dict[str, float], per: int) -> dict[str, float]:
    """CPU milliseconds per unit of work (``per``) by each party, and the machine's busy share."""
    delta = {k: after[k] - before[k] for k in before}
    busy, total = delta.pop("machine_busy"), delta.pop("machine_total")
    per = max(per, 1)
    answer = {f"{name}_ms_per_sale": 1000 * value / per for name, value in delta.items()}
    answer["others_ms_per_sale"] = 1000 * (busy - sum(delta.values())) / per
    answer["machine_busy_share"] = busy / total if total else None
    return answer
