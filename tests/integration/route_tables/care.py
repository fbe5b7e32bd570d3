"""The care dashboard and its CSV export: the brand team only."""

from tests.integration.route_calls import MODERATOR, Call

ROUTES = {
    ("GET", "/moderation/metrics"): Call(MODERATOR, query="period=30&tag=aurora-one"),
    ("GET", "/moderation/metrics.csv"): Call(MODERATOR, query="period=custom&from=2026-01-01&to=2026-01-31"),
}
