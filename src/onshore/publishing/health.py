"""Is publishing keeping up? Last worker loop, due backlog and the oldest due delivery."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Min

from onshore.publishing.models import Delivery, DeliveryState, WorkerBeat


def worker_health(now: datetime, workspace_id: int | None = None) -> dict[str, Any]:
    """Figures for the health page and the monitoring endpoint (counts only, no content)."""
    due = Delivery.objects.filter(state=DeliveryState.PENDING, due_at__lte=now)
    if workspace_id is not None:
        due = due.filter(post__workspace_id=workspace_id)
    oldest = due.aggregate(oldest=Min("due_at"))["oldest"]
    last_loop = WorkerBeat.objects.aggregate(last=Max("last_loop_at"))["last"]
    # A worker loops at least every idle period; three missed loops means it is gone.
    stale_after = timedelta(seconds=3 * settings.WORKER_IDLE_SECONDS + 30)
    running = last_loop is not None and now - last_loop <= stale_after
    backlog = due.count()
    return {
        "status": "ok" if running and backlog < 100 else ("stalled" if not running else "behind"),
        "last_loop_at": last_loop.isoformat() if last_loop else None,
        "seconds_since_last_loop": round((now - last_loop).total_seconds()) if last_loop else None,
        "due_backlog": backlog,
        "oldest_due_age_seconds": round((now - oldest).total_seconds()) if oldest else 0,
        "workers": [
            {
                "name": beat.worker,
                "last_loop_at": beat.last_loop_at.isoformat(),
                "published": beat.published,
            }
            for beat in WorkerBeat.objects.order_by("-last_loop_at")[:20]
        ],
    }
