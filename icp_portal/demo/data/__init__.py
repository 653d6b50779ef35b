"""The demo's meetings of the ICS Board as data of the project.

The facts (names, titles, dates, figures, action codes) are those of the Board's pack of
2 December 2020 (seed 003); every sentence (minutes, cover sheets, papers, updates, guidance)
is the portal's own. Nothing here touches the database: `icp_portal.demo.meetings` builds the
meetings from it through the apps' services.
"""
