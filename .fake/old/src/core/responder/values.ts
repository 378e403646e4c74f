/** Plausible leaf values chosen from a property's name ("email" -> an email, "age" -> 18..75). */
import type { Rng } from "./rng";
import { capitalize } from "./words";

export interface ValueContext {
  rng: Rng;
  /** What the user asked about, for titles and descriptions. */
  topic: string;
  terms: string[];
  /** Strings lifted from the user's message (e.g. a city for `location`), by property name. */
  hint?: (key: string) => string | undefined;
}

const FIRST = ["Alice", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Isabel", "Jonas", "Priya", "Tom"];
const LAST = ["Johnson", "Nguyen", "Martinez", "Schmidt", "Okafor", "Rossi", "Kim", "Patel", "Dubois", "Andersen"];
const CITIES = ["Paris", "Tokyo", "New York", "Berlin", "Lisbon", "Toronto", "Sydney", "Nairobi", "Seoul", "Madrid"];
const COUNTRIES = ["France", "Japan", "United States", "Germany", "Portugal", "Canada", "Australia", "Kenya", "Brazil"];
const COMPANIES = ["Acme Corp", "Globex", "Initech", "Northwind Traders", "Blue Harbor Labs", "Summit Analytics"];
const COLORS = ["blue", "green", "red", "purple", "orange", "teal"];
const STATUSES = ["active", "pending", "completed", "in_progress"];
const JOBS = ["Software Engineer", "Product Manager", "Data Analyst", "Designer", "Teacher", "Nurse"];
const STREETS = ["Maple Street", "Oak Avenue", "Park Road", "River Lane", "High Street"];

const pad = (n: number): string => String(n).padStart(2, "0");

export function isoDate(rng: Rng): string {
  return `${rng.int(2019, 2025)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}
export function isoTime(rng: Rng): string {
  return `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}
export function uuid(rng: Rng): string {
  const hex = (n: number): string => {
    let s = "";
    for (let i = 0; i < n; i++) s += "0123456789abcdef"[rng.int(0, 15)];
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[rng.int(0, 3)]}${hex(3)}-${hex(12)}`;
}

/** Normalized words of a property name: "firstName" / "first_name" -> "first name". */
export function keyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.\s]+/g, " ")
    .toLowerCase()
    .trim();
}

export function formatString(format: string, key: string, ctx: ValueContext): string | undefined {
  const { rng } = ctx;
  switch (format) {
    case "date":
      return isoDate(rng);
    case "date-time":
      return `${isoDate(rng)}T${isoTime(rng)}Z`;
    case "time":
      return `${isoTime(rng)}Z`;
    case "email":
    case "idn-email":
      return emailFor(ctx);
    case "uri":
    case "url":
    case "iri":
    case "uri-reference":
      return `https://example.com/${keyWords(key).replace(/ /g, "-") || "resource"}/${rng.int(1, 999)}`;
    case "uuid":
      return uuid(rng);
    case "hostname":
      return "api.example.com";
    case "ipv4":
      return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case "ipv6":
      return `2001:db8::${rng.int(1, 9999).toString(16)}`;
    case "duration":
      return `PT${rng.int(1, 59)}M`;
    default:
      return undefined;
  }
}

function emailFor(ctx: ValueContext): string {
  return `${ctx.rng.any(FIRST).toLowerCase()}.${ctx.rng.any(LAST).toLowerCase()}@example.com`;
}

function titleCase(s: string): string {
  return s
    .split(" ")
    .map((w) => (w.length > 3 ? capitalize(w) : w))
    .join(" ");
}

/** A string for a property; falls back to something about the topic. */
export function stringFor(key: string, ctx: ValueContext): string {
  const hinted = ctx.hint?.(key);
  if (hinted !== undefined) return hinted;
  const k = keyWords(key);
  const { rng, topic } = ctx;
  if (/\bfirst name\b|\bgiven name\b/.test(k)) return rng.any(FIRST);
  if (/\blast name\b|\bsurname\b|\bfamily name\b/.test(k)) return rng.any(LAST);
  if (/e ?mail/.test(k)) return emailFor(ctx);
  if (/\bphone\b|\bmobile\b|\btel\b/.test(k)) return `+1-555-${rng.int(100, 999)}-${rng.int(1000, 9999)}`;
  if (/\b(?:url|uri|website|link|homepage|href)\b/.test(k)) return formatString("uri", key, ctx)!;
  if (/\buuid\b|\bguid\b/.test(k)) return uuid(rng);
  if (/\bid\b/.test(k)) return `${k.split(" ")[0] === "id" ? "id" : k.split(" ")[0]}_${rng.base62(10)}`;
  if (/\b(?:date|birthday|dob|deadline|day)\b/.test(k)) return isoDate(rng);
  if (/\b(?:at|time|timestamp|created|updated)\b/.test(k)) return `${isoDate(rng)}T${isoTime(rng)}Z`;
  if (/\bcompany\b|\borgani[sz]ation\b|\bemployer\b/.test(k)) return rng.any(COMPANIES);
  if (/\bcity\b|\btown\b|\blocation\b|\bplace\b|\bdestination\b/.test(k)) return rng.any(CITIES);
  if (/\bcountry\b|\bnation\b/.test(k)) return rng.any(COUNTRIES);
  if (/\baddress\b|\bstreet\b/.test(k)) return `${rng.int(1, 250)} ${rng.any(STREETS)}`;
  if (/\bzip\b|\bpostal\b|\bpostcode\b/.test(k)) return String(rng.int(10000, 99999));
  if (/\busername\b|\bhandle\b|\blogin\b/.test(k)) return `${rng.any(FIRST).toLowerCase()}${rng.int(1, 99)}`;
  if (/\bname\b|\bauthor\b|\bperson\b|\bcustomer\b|\buser\b|\bowner\b|\bmanager\b/.test(k)) {
    if (/\bproduct\b|\bitem\b|\bproject\b|\bapp\b|\bfile\b|\bcompany\b|\bteam\b/.test(k))
      return titleCase(`${topic} ${k.split(" ")[0]}`);
    return `${rng.any(FIRST)} ${rng.any(LAST)}`;
  }
  if (/\b(?:title|headline|subject|heading)\b/.test(k))
    return titleCase(
      rng.pick([`An Introduction to ${topic}`, `Understanding ${topic}`, `${topic}: A Practical Guide`]),
    );
  if (/\b(?:currency)\b/.test(k)) return rng.any(["USD", "EUR", "GBP", "JPY"]);
  if (/\b(?:colou?r)\b/.test(k)) return rng.any(COLORS);
  if (/\blanguage\b|\blang\b|\blocale\b/.test(k)) return rng.any(["English", "French", "Spanish", "German"]);
  if (/\bstatus\b|\bstate\b/.test(k)) return rng.any(STATUSES);
  if (/\b(?:job|occupation|role|position|profession)\b/.test(k)) return rng.any(JOBS);
  if (/\b(?:unit|units)\b/.test(k)) return rng.any(["celsius", "metric"]);
  if (/\b(?:gender|sex)\b/.test(k)) return rng.any(["female", "male", "non-binary"]);
  if (/\b(?:category|type|kind|genre|topic)\b/.test(k)) return capitalize(ctx.terms[0] ?? topic);
  if (/\b(?:tag|tags|keyword|keywords|label)\b/.test(k))
    return rng.any([...ctx.terms, "general", "featured", "popular", "new"]);
  if (/\b(?:query|search|q|prompt|question)\b/.test(k)) return topic;
  if (/\b(?:sku|code)\b/.test(k)) return `SKU-${rng.int(10000, 99999)}`;
  if (
    /\b(?:description|summary|content|text|body|details|explanation|reasoning|answer|response|message|comment|notes?|bio|overview|result|output)\b/.test(
      k,
    )
  ) {
    return rng.pick([
      `A concise overview of ${topic}, covering its key ideas and practical applications.`,
      `${capitalize(topic)} involves several important aspects worth understanding in detail.`,
      `This covers ${topic} and explains why it matters in practice.`,
    ]);
  }
  if (/\b(?:step|steps|instruction|instructions|ingredient|ingredients|item|items)\b/.test(k))
    return capitalize(`${rng.pick(["review", "prepare", "combine", "check"])} the ${ctx.terms[0] ?? "details"}`);
  return ctx.terms.length ? capitalize(rng.any(ctx.terms)) : "example";
}

/** A number for a property, before schema bounds are applied. */
export function numberFor(key: string, integer: boolean, rng: Rng): number {
  const k = keyWords(key);
  const money = (lo: number, hi: number): number => (integer ? rng.int(lo, hi) : rng.int(lo * 100, hi * 100) / 100);
  if (/\bage\b/.test(k)) return rng.int(18, 75);
  if (/\bsalary\b|\bincome\b|\brevenue\b/.test(k)) return rng.int(40, 180) * 1000;
  if (/\b(?:price|cost|amount|total|balance|fee|subtotal)\b/.test(k)) return money(5, 250);
  if (/\byear\b/.test(k)) return rng.int(1990, 2025);
  if (/\bmonth\b/.test(k)) return rng.int(1, 12);
  if (/\bday\b/.test(k)) return rng.int(1, 28);
  if (/\bhour\b/.test(k)) return rng.int(0, 23);
  if (/\b(?:rating|stars)\b/.test(k)) return integer ? rng.int(3, 5) : rng.int(30, 50) / 10;
  if (/\b(?:confidence|probability|likelihood|weight)\b/.test(k) && !integer) return rng.int(60, 99) / 100;
  if (/\b(?:percent|percentage|score|progress)\b/.test(k))
    return integer ? rng.int(40, 100) : rng.int(4000, 10000) / 100;
  if (/\b(?:lat|latitude)\b/.test(k)) return integer ? rng.int(-90, 90) : rng.int(-9000, 9000) / 100;
  if (/\b(?:lon|lng|longitude)\b/.test(k)) return integer ? rng.int(-180, 180) : rng.int(-18000, 18000) / 100;
  if (/\b(?:temperature|temp)\b/.test(k)) return integer ? rng.int(-5, 35) : rng.int(-50, 350) / 10;
  if (/\bheight\b/.test(k)) return rng.int(150, 195);
  if (/\bpopulation\b/.test(k)) return rng.int(50, 9000) * 1000;
  if (/\b(?:count|quantity|qty|number|num|size|length|minutes|duration|servings|page)\b/.test(k)) return rng.int(1, 20);
  if (/\bid\b/.test(k)) return rng.int(1, 9999);
  return integer ? rng.int(1, 100) : rng.int(100, 10000) / 100;
}
