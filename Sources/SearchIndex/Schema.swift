import GRDB

/// The database schema, as a history of migrations that never change once released.
///
/// - `meta`: key/value facts about the index (the analysis version it was built with).
/// - `roots`: the folders and files the user asked to index, updated by a bare `search index`, by
///   real path, with the (device, inode) that recognises a root that was moved.
/// - `problems`: what the last runs could not index (binary or unreadable files, link loops,
///   missing roots), so each is reported once and `search status` lists them.
/// - `files`: one row per indexed file, with what is needed to notice a change.
/// - `passages`: the passages of each file, with their lines and original text.
/// - `passages_fts`: the FTS5 index of `passages.text` (external content, tokenizer `arfa`),
///   written by `PassageWriter` only, never by triggers, so deletes always see the exact text
///   that was indexed.
/// - `words`: the surface words with their passage counts, for typo tolerance (`WordTable`).
enum Schema {
    static let ftsTable = "passages_fts"

    static func migrator(tokenizer: FullTextTokenizer) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: meta, roots, files, passages, passages_fts") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE roots (path TEXT PRIMARY KEY NOT NULL);
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    modification_time REAL NOT NULL,
                    content_hash TEXT NOT NULL,
                    passage_count INTEGER NOT NULL
                );
                CREATE TABLE passages (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    start_line INTEGER NOT NULL,
                    end_line INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX passages_by_file ON passages(file_id);
                """)
            try createFullTextTable(db, tokenizer: tokenizer)
        }
        migrator.registerMigration("v2: vocabulary") { db in
            try createVocabularyTable(db)
        }
        migrator.registerMigration("v3: words") { db in
            try WordTable.create(db)
            try WordTable.fill(db)
        }
        migrator.registerMigration("v4: root identities, problems") { db in
            try db.execute(sql: """
                ALTER TABLE roots ADD COLUMN device INTEGER;
                ALTER TABLE roots ADD COLUMN inode INTEGER;
                CREATE TABLE problems (
                    path TEXT PRIMARY KEY NOT NULL,
                    reason TEXT NOT NULL,
                    size INTEGER,
                    modification_time REAL,
                    first_seen REAL NOT NULL
                );
                """)
        }
        return migrator
    }

    static func createFullTextTable(_ db: Database, tokenizer: FullTextTokenizer) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE \(ftsTable) USING fts5(
                text, content='passages', content_rowid='id', tokenize='\(tokenizer.declaration)'
            )
            """)
    }

    static let vocabularyTable = "passages_vocab"

    /// FTS5's own view of the index's terms, with the passages of each: what fills the `words`
    /// table (`WordTable`) after a large run, walking every doclist, which is too slow for a query.
    static func createVocabularyTable(_ db: Database) throws {
        try db.execute(sql: "CREATE VIRTUAL TABLE \(vocabularyTable) USING fts5vocab(\(ftsTable), row)")
    }

    /// Drops the full-text table and creates it empty (a rebuild), recording the analysis version
    /// the new terms will be written with. Files and passages stay: the rebuild decides which to
    /// read again and which to analyze again from their stored text.
    ///
    /// The table is dropped rather than emptied row by row: after an analysis change, deleting
    /// rows would re-tokenize the old text with the new rules and remove terms that were never there.
    static func recreateFullTextTable(_ db: Database, analysisVersion: Int, tokenizer: FullTextTokenizer) throws {
        try db.execute(sql: "DROP TABLE \(ftsTable)")
        try createFullTextTable(db, tokenizer: tokenizer)
        try WordTable.markBehind(db)
        try IndexStore.setMetaValue(IndexStore.analysisVersionKey, String(analysisVersion), db)
    }
}

/// The tokenizer of the FTS5 table. Always `arfa` for the product; the benchmark builds a
/// `unicode61` index through the same pipeline to compare against.
@_spi(Benchmark) public enum FullTextTokenizer: String, Sendable {
    case arfa
    case unicode61

    var declaration: String {
        switch self {
        case .arfa: "arfa"
        case .unicode61: "unicode61 remove_diacritics 2"
        }
    }
}
