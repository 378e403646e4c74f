/**
 * Phrase banks, built once at module load. The first entry of each bank is the "most likely"
 * phrasing (what temperature 0 says); later entries appear more often as temperature rises.
 * Placeholders: {topic} {Topic} {t1} {t2} {t3} {subject}.
 */
export const GREETINGS = [
  "Hello! How can I assist you today?",
  "Hi there! How can I help you today?",
  "Hey! What can I do for you today?",
  "Hello! It's great to hear from you. What's on your mind?",
  "Hi! I'm here and ready to help. What would you like to talk about?",
];

export const GREETING_OFFERS = [
  "Whether you have a question, need help with some code, want to brainstorm ideas, or just want to chat, I'm happy to help.",
  "I can answer questions, explain concepts, help you write or debug code, or help you think through a problem.",
  "Feel free to ask me anything, from quick facts to detailed explanations or programming help.",
  "Just let me know what you're working on, and we can dig in together.",
];

export const THANKS = [
  "You're welcome! If you have any more questions, feel free to ask.",
  "Happy to help! Let me know if there's anything else you need.",
  "Anytime! Good luck, and don't hesitate to reach out if something else comes up.",
  "Glad I could help! Is there anything else you'd like to explore?",
];

export const FAREWELLS = [
  "Goodbye! Have a great day, and feel free to come back anytime.",
  "Take care! If you need anything else, I'll be here.",
  "See you later! Best of luck with everything.",
];

export const HELP_OPENERS = [
  "Of course! I'd be happy to help{subject}.",
  "Absolutely, I can help{subject}.",
  "Sure thing! Let's work through this together{subject}.",
  "I'd be glad to help{subject}!",
];

export const HELP_ASKS = [
  "To give you the most useful answer, it would help to know a bit more:",
  "To point you in the right direction, could you share a few details?",
  "A little more context will help me tailor my answer:",
];

export const HELP_STEPS = [
  "1. **Your goal**: what are you trying to achieve, and what does success look like?\n2. **What you've tried**: any approaches, code, or resources you've already used.\n3. **Constraints**: deadlines, tools, or requirements I should keep in mind.",
  "1. **Context**: a short description of the situation or project.\n2. **The problem**: what's going wrong or where you're stuck.\n3. **Details**: error messages, examples, or anything else that seems relevant.",
];

export const HELP_CLOSERS = [
  "Once I have that, I can walk you through a clear, step-by-step approach.",
  "In the meantime, a good first step is to break the problem into smaller pieces and tackle them one at a time.",
  "Share whatever you have, and we'll take it from there.",
];

export const DEFINITIONS = [
  "**{Topic}** is a concept that describes how {t1} and {t2} fit together to achieve a particular goal. At its core, it provides a structured way to think about {t1}, which is why it shows up in so many practical discussions.",
  "**{Topic}** refers to the ideas and practices surrounding {t1}. In simple terms, it is about understanding {t1} in detail, why it matters, and how it relates to {t2}.",
  "In short, **{topic}** is an approach to {t1} that focuses on clarity and reliability. It builds on a few foundational ideas that are worth understanding on their own.",
  "**{Topic}** can be understood as the combination of {t1} and {t2}: the first sets the foundation, and the second determines how it plays out in practice.",
];

export const KEY_POINT_HEADINGS = ["### Key points", "### Key ideas", "### Main aspects", "### What to know"];

export const KEY_POINTS = [
  "**Core idea**: {Topic} centers on {t1}, which determines how everything else fits together.",
  "**How it works**: in practice, {t1} interacts with {t2} through a small number of well-defined steps.",
  "**Why it matters**: understanding {topic} makes it easier to reason about {t2} and avoid common mistakes.",
  "**Common pitfalls**: people often overlook the role of {t2}, or assume {t1} behaves the same in every context.",
  "**Real-world use**: you'll see {topic} applied wherever {t1} needs to be balanced against {t3}.",
  "**Trade-offs**: gaining more control over {t1} usually costs some simplicity, so the right balance depends on your goals.",
];

export const OPENERS = [
  "Great question! {Topic} is something that comes up often, and the answer depends on a few key factors, chiefly {t1} and {t2}.",
  "{Topic} is a broad subject, but it helps to start with the fundamentals. At its heart, it is about {t1} and how it connects to {t2}.",
  "When it comes to {topic}, there are a few important things to keep in mind. The most significant is {t1}, followed closely by {t2}.",
  "There's quite a bit to say about {topic}. In short, it comes down to how {t1} shapes the outcome, and what role {t2} plays along the way.",
  "That's an interesting topic. {Topic} touches on several areas, including {t1}, {t2}, and {t3}.",
];

export const BODIES = [
  "One useful way to think about it is in terms of cause and effect. Changes in {t1} tend to ripple outward, influencing {t2} and, eventually, the bigger picture. This is why experts usually recommend looking at the whole system rather than any single part in isolation.",
  "Historically, understanding of {topic} has evolved considerably. Early approaches focused almost entirely on {t1}, while more recent thinking gives equal weight to {t2} and to the context in which both operate.",
  "In practice, the details matter. The same principles can lead to quite different results depending on scale, timing, and the specific goals involved, so it's worth considering {t3} as well.",
  "It's also worth noting that {t1} is not a fixed quantity. It varies with circumstances, which means any general answer should be adapted to the specific situation you have in mind.",
  "A common misconception is that {t2} is only a minor detail. In reality, it often determines whether an approach to {topic} succeeds or struggles.",
];

export const LIST_INTROS = [
  "Here are a few important considerations:",
  "A few points stand out:",
  "Some key factors include:",
  "Here's a quick breakdown:",
];

export const LIST_ITEMS = [
  "**{T1}**: the primary factor, and usually the best place to start.",
  "**{T2}**: often underestimated, but it can change the outcome significantly.",
  "**Context**: the same idea can play out differently depending on the situation.",
  "**Trade-offs**: improving one aspect frequently comes at the expense of another.",
  "**{T3}**: worth keeping in mind, especially as things scale.",
  "**Practical steps**: start small, measure the results, and adjust as you learn.",
];

export const CLOSERS = [
  "I hope this helps! If you'd like, I can go deeper into any of these points or tailor the explanation to your specific situation.",
  "Let me know if you'd like more detail on any part of this, or examples that fit your use case.",
  "If you have a particular angle in mind, feel free to share it and I can give a more focused answer.",
  "Overall, {topic} rewards a bit of careful thought, and the fundamentals above should give you a solid starting point.",
];

export const SUMMARY_INTROS = ["Here's a concise summary:", "Sure! Here's a summary:", "Here's the gist:"];
export const TRANSLATION_INTROS = [
  "Here's the translation into {lang}:",
  "Sure! In {lang}, that would be:",
  "Translated into {lang}:",
];

/** Just enough vocabulary for translations to look translated. */
export const DICTIONARY: Record<string, Record<string, string>> = {
  french: {
    hello: "bonjour",
    hi: "salut",
    thank: "merci",
    thanks: "merci",
    you: "vous",
    yes: "oui",
    no: "non",
    good: "bon",
    morning: "matin",
    the: "le",
    and: "et",
    is: "est",
    my: "mon",
    friend: "ami",
    how: "comment",
    are: "êtes",
    world: "monde",
    please: "s'il vous plaît",
    love: "amour",
    cat: "chat",
    dog: "chien",
    i: "je",
    a: "un",
    water: "eau",
  },
  spanish: {
    hello: "hola",
    hi: "hola",
    thank: "gracias",
    thanks: "gracias",
    you: "tú",
    yes: "sí",
    no: "no",
    good: "buenos",
    morning: "días",
    the: "el",
    and: "y",
    is: "es",
    my: "mi",
    friend: "amigo",
    how: "cómo",
    are: "estás",
    world: "mundo",
    please: "por favor",
    love: "amor",
    cat: "gato",
    dog: "perro",
    i: "yo",
    a: "un",
    water: "agua",
  },
  german: {
    hello: "hallo",
    hi: "hallo",
    thank: "danke",
    thanks: "danke",
    you: "du",
    yes: "ja",
    no: "nein",
    good: "guten",
    morning: "Morgen",
    the: "der",
    and: "und",
    is: "ist",
    my: "mein",
    friend: "Freund",
    how: "wie",
    are: "bist",
    world: "Welt",
    please: "bitte",
    love: "Liebe",
    cat: "Katze",
    dog: "Hund",
    i: "ich",
    a: "ein",
    water: "Wasser",
  },
  italian: {
    hello: "ciao",
    hi: "ciao",
    thank: "grazie",
    thanks: "grazie",
    you: "tu",
    yes: "sì",
    no: "no",
    good: "buon",
    morning: "giorno",
    the: "il",
    and: "e",
    is: "è",
    my: "mio",
    friend: "amico",
    how: "come",
    are: "stai",
    world: "mondo",
    please: "per favore",
    love: "amore",
    cat: "gatto",
    dog: "cane",
    i: "io",
    a: "un",
    water: "acqua",
  },
  portuguese: {
    hello: "olá",
    hi: "oi",
    thank: "obrigado",
    thanks: "obrigado",
    you: "você",
    yes: "sim",
    no: "não",
    good: "bom",
    morning: "dia",
    the: "o",
    and: "e",
    is: "é",
    my: "meu",
    friend: "amigo",
    how: "como",
    are: "está",
    world: "mundo",
    please: "por favor",
    love: "amor",
    cat: "gato",
    dog: "cachorro",
    i: "eu",
    a: "um",
    water: "água",
  },
};

export const PIRATE: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bHello\b/g, "Ahoy"],
  [/\bHi\b/g, "Ahoy"],
  [/\bhello\b/g, "ahoy"],
  [/\byou\b/g, "ye"],
  [/\bYou\b/g, "Ye"],
  [/\byour\b/g, "yer"],
  [/\bmy\b/g, "me"],
  [/\bfriend\b/g, "matey"],
  [/\byes\b/gi, "aye"],
  [/\bis\b/g, "be"],
  [/\bare\b/g, "be"],
  [/\bthe\b/g, "th'"],
];
export const PIRATE_OPENERS = ["Arr, matey! ", "Ahoy there! ", "Shiver me timbers! ", "Yo ho ho! "];
