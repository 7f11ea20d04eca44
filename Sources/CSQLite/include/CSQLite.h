// SQLite's C types, FTS5's extension API and the loadable-extension routines, declared for Swift
// without linking SQLite: code that sees this header calls SQLite only through function pointers
// it is handed (`SQLiteCalls`), so it runs inside any host's SQLite, a loadable extension's
// included, never with a second copy of SQLite.
#include <sqlite3ext.h>
