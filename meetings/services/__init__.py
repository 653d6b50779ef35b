"""Every write that matters to meetings, one module per concern (the same names as the
models, selectors, forms and views): agenda, papers, publication, attendance, minutes,
actions and packs. Keyword-only arguments, the acting person passed in, one transaction each,
history recorded with a reason. Views, the admin, commands and tasks all call these."""
