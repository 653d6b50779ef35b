"""Views of the meetings app, one module per concern (the same names as the models, services,
selectors and forms), on the plumbing of `base`. Thin: permissions and selectors decide who
sees what, services do the work, and every screen works without JavaScript."""
