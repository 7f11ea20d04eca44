import Testing
@testable import TextAnalysis

/// The text rules of compounds (which readings the index is asked about).
@Suite struct CompoundTests {
    @Test func aWordIsCutIntoTwoWordsOfTwoLettersOrMore() {
        #expect(Compound.cuts(of: "ثبتنام") == [["ثب", "تنام"], ["ثبت", "نام"], ["ثبتن", "ام"]])
        #expect(Compound.cuts(of: "كتا").isEmpty)
        // Two function words side by side are a sentence, not a compound.
        #expect(!Compound.cuts(of: "توهم").contains(["تو", "هم"]))
    }

    @Test func aZeroWidthNonJoinerTypedMarksTheParts() {
        #expect(Compound.partsMarked(in: "آن‌که", term: "انكه") == ["ان", "كه"])
        #expect(Compound.partsMarked(in: "آنکه", term: "انكه") == nil)
        #expect(Compound.partsMarked(in: "آن‌که", term: "انچه") == nil)
    }
}
