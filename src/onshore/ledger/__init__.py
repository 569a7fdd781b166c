"""The cost ledger (Django app): engagements, time entries, and costs measured from the workflow."""
