"""Reads of the meetings app that depend on who is asking, one module per concern (the same
names as the models, services, forms and views). Every page, file, feed and pack reads through
them, and they ask `meetings.permissions` what each person may see."""
