"""Character classes of Arabic news text (pure constants)."""

AR = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
DIG = "0-9\u0660-\u0669\u06f0-\u06f9"
QUOTE_MARKS = "«»“”„‹›\"‟"
SENTENCE_END = {".", "!", "?", "؟", "…", "...", "!!", "؟!", "?!", "۔"}
CLOSERS = set("»”\"’)]›")
# direction marks and embeddings (ALM, LRM, RLM, LRE…RLO, LRI…PDI); not ZWNJ/ZWJ, which are inside words
BIDI_MARKS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
