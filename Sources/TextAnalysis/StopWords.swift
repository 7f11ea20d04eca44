/// Arabic and Persian function words, in folded form: particles, prepositions, pronouns,
/// interrogatives and the commonest auxiliaries.
///
/// They are never removed from the index (phrases need them). In a question they neither count
/// toward the words a passage must contain nor add to the score, so «ما هي شجرة الزقوم؟» ranks by
/// شجرة and الزقوم, not by ما and هي, which occur everywhere.
public enum StopWords {
    public static func contains(_ foldedTerm: String) -> Bool {
        words.contains(foldedTerm)
    }

    static let arabic = """
        في من الي علي عن ان انه انها ما لا لم لن هو هي هم هن هما انا نحن انت انتم هذا هذه ذلك تلك هولاء \
        الذي التي الذين اللذين و ف ثم او ام بل قد كان كانت يكون تكون كانوا كل بعض اي اين متي كيف لماذا \
        ماذا هل مع عند بين حتي اذا اذ لكن لكنه غير مثل منذ بعد قبل حول خلال نحو لدي عليه عليها عليهم \
        فيه فيها فيهم منه منها منهم له لها لهم به بها بهم ايضا كما اما الا وهو وهي وقد ولا وفي ومن \
        وعلي وان وما ولم وكان وكانت لقد هناك هنا الذى كم يا ذا ليس ليست تم عدم اكثر اقل جدا
        """
    static let persian = """
        و در به از كه را با اين ان است براي تا بر هم نيز يك مي نمي شد شده شود شوند كرد كند كنند كرده \
        بود بوده باشد باشند هر اما يا چه چرا كجا كي چگونه چطور ايا هست هستند نيست خود ما من تو او \
        انها ايشان شما اينكه زيرا پس اگر ولي همه ديگر بين روي پيش دارد دارند چيست كيست كدام چند \
        كدامند چيه همين همان چنين چنان وي اش ها هاي اي ي
        """
    static let words: Set<String> = Set(
        (arabic + " " + persian).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
