"""Forms of the meetings app, one module per concern (the same names as the models, services,
selectors and views). Field names follow the services' arguments, so that a refusal from a
service lands on the field it is about."""
