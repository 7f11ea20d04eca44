// Types only: see include/CSQLite.h.
