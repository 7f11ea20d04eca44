/// The version of the text analysis (segmentation, folding and, later, stemming).
///
/// An index records the version it was built with; an index built by another version holds
/// other terms and must be rebuilt, never queried. Bump this with a comment saying which terms
/// changed.
public enum AnalysisVersion {
    /// 1: segmentation (words never split by marks or ZWNJ; digits apart from letters) and
    ///    folding of Arabic-script text (hamza, yeh, kaf, heh forms, marks, joiners, digits,
    ///    presentation forms, case).
    /// 2: light stems of Arabic and Persian words as colocated terms (behind the stem markers
    ///    of `IndexTerms`), and joined terms for Persian words spelled with a space.
    /// 3: Persian plural possessives مان/تان/شان after a consonant read off (کشورمان → کشور).
    /// 4: Persian spaced spellings joined by the rule queries use (`PersianSpacing`): every run of
    ///    up to four joined words gets its joined term, not only pairs (کتاب ها ی: also
    ///    كتابهاي, which the query «کتاب ها ی» looks for), and می is never joined to a
    ///    following می/نمی.
    /// 5: words in Qur'anic (Uthmani) or older spelling also get their modern reading and its
    ///    stems (`QuranicSpelling`): ٱلْكِتَـٰبَ also الكتاب, ٱلصَّلَوٰةَ and الصلوة also الصلاة.
    public static let current = 5
}
