export { understandMessage, type BookingWish, type Intent, type IntentKind, type Named, type SpokenRef, type UnderstandingContext } from "./intents.js";
export type { ClinicTopic, EmergencySign, PaymentMethod } from "./cues.js";
export { readName, type NameReading, type NotNameReason } from "./names.js";
export { FAQ_THRESHOLD, faqScore, matchFaq, type FaqEntry, type FaqMatch } from "./faq.js";
export { prepareText, type PreparedText, type Sentence } from "./text.js";
