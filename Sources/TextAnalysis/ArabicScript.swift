/// Named code points of the Arabic script (and the few general ones the analysis needs).
///
/// Names follow the Unicode character names, so `ArabicScript.tehMarbuta` is U+0629 ARABIC LETTER
/// TEH MARBUTA. Invisible characters live only here, never as literals elsewhere.
public enum ArabicScript {
    // MARK: Letters that fold to another letter
    public static let alef: UInt32 = 0x0627               // ا
    public static let alefWithMaddaAbove: UInt32 = 0x0622 // آ
    public static let alefWithHamzaAbove: UInt32 = 0x0623 // أ
    public static let alefWithHamzaBelow: UInt32 = 0x0625 // إ
    public static let alefWasla: UInt32 = 0x0671          // ٱ
    public static let alefWithWavyHamzaAbove: UInt32 = 0x0672
    public static let alefWithWavyHamzaBelow: UInt32 = 0x0673
    public static let highHamzaAlef: UInt32 = 0x0675
    public static let waw: UInt32 = 0x0648                // و
    public static let wawWithHamzaAbove: UInt32 = 0x0624  // ؤ
    public static let highHamzaWaw: UInt32 = 0x0676
    public static let yeh: UInt32 = 0x064A                // ي
    public static let yehWithHamzaAbove: UInt32 = 0x0626  // ئ
    public static let alefMaksura: UInt32 = 0x0649        // ى
    public static let farsiYeh: UInt32 = 0x06CC           // ی
    public static let kashmiriYeh: UInt32 = 0x0620
    public static let yehWithTail: UInt32 = 0x06CD
    public static let yehBarree: UInt32 = 0x06D2          // ے
    public static let yehBarreeWithHamzaAbove: UInt32 = 0x06D3
    public static let kaf: UInt32 = 0x0643                // ك
    public static let keheh: UInt32 = 0x06A9              // ک (Persian kaf)
    public static let swashKaf: UInt32 = 0x06AA
    public static let heh: UInt32 = 0x0647                // ه
    public static let tehMarbuta: UInt32 = 0x0629         // ة
    public static let hehWithYehAbove: UInt32 = 0x06C0    // ۀ
    public static let hehGoal: UInt32 = 0x06C1            // ہ
    public static let hehGoalWithHamzaAbove: UInt32 = 0x06C2
    public static let tehMarbutaGoal: UInt32 = 0x06C3     // ۃ
    public static let ae: UInt32 = 0x06D5                 // ە
    public static let hehDoachashmee: UInt32 = 0x06BE     // ھ

    // MARK: Marks removed by folding (kept inside the word's span)
    public static let tatweel: UInt32 = 0x0640
    public static let harakatRange: ClosedRange<UInt32> = 0x064B...0x065F // fathatan … includes sukun, hamza above/below
    public static let honorificSignsRange: ClosedRange<UInt32> = 0x0610...0x061A
    public static let superscriptAlef: UInt32 = 0x0670
    public static let quranicMarksRange: ClosedRange<UInt32> = 0x06D6...0x06ED
    /// Quranic symbols inside `quranicMarksRange` that stand between words, not on letters.
    public static let endOfAyah: UInt32 = 0x06DD
    public static let rubElHizb: UInt32 = 0x06DE
    public static let placeOfSajdah: UInt32 = 0x06E9

    // MARK: Digits
    public static let arabicIndicDigitZero: UInt32 = 0x0660   // ٠
    public static let extendedArabicIndicDigitZero: UInt32 = 0x06F0 // ۰ (Persian)

    // MARK: Invisible joiners and direction marks
    public static let zeroWidthNonJoiner: UInt32 = 0x200C
    public static let zeroWidthJoiner: UInt32 = 0x200D
    public static let leftToRightMark: UInt32 = 0x200E
    public static let rightToLeftMark: UInt32 = 0x200F
    public static let arabicLetterMark: UInt32 = 0x061C
    public static let softHyphen: UInt32 = 0x00AD
    public static let wordJoiner: UInt32 = 0x2060
    public static let byteOrderMark: UInt32 = 0xFEFF

    // MARK: Presentation forms
    public static let presentationFormsARange: ClosedRange<UInt32> = 0xFB50...0xFDFF
    public static let presentationFormsBRange: ClosedRange<UInt32> = 0xFE70...0xFEFF
}
