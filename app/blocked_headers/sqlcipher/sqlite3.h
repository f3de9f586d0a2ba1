// First on the app's include path, in place of SQLite's and SQLCipher's own header: the app talks
// to the store through Triage and its services, never in SQL.
#error "app code must not include SQLite or SQLCipher: go through Triage (core/triage.h)"
