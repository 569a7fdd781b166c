"""Notifications: events for people, shown in the app and e-mailed in their working hours."""
