// Spoken numbers as AMAZON.NUMBER hears them, for the languages of the interaction models. The
// words are in the matcher's folded form: lower case, without accents (`fünf` is `funf`).

const EN_UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

const EN_TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const WORDS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  de: {
    null: 0,
    ein: 1,
    eine: 1,
    einen: 1,
    eins: 1,
    zwei: 2,
    drei: 3,
    vier: 4,
    funf: 5,
    sechs: 6,
    sieben: 7,
    acht: 8,
    neun: 9,
    zehn: 10,
    elf: 11,
    zwolf: 12,
    zwanzig: 20,
  },
  fr: {
    zero: 0,
    un: 1,
    une: 1,
    deux: 2,
    trois: 3,
    quatre: 4,
    cinq: 5,
    six: 6,
    sept: 7,
    huit: 8,
    neuf: 9,
    dix: 10,
    onze: 11,
    douze: 12,
    vingt: 20,
  },
  it: {
    zero: 0,
    un: 1,
    uno: 1,
    una: 1,
    due: 2,
    tre: 3,
    quattro: 4,
    cinque: 5,
    sei: 6,
    sette: 7,
    otto: 8,
    nove: 9,
    dieci: 10,
    undici: 11,
    dodici: 12,
    venti: 20,
  },
  es: {
    cero: 0,
    un: 1,
    uno: 1,
    una: 1,
    dos: 2,
    tres: 3,
    cuatro: 4,
    cinco: 5,
    seis: 6,
    siete: 7,
    ocho: 8,
    nueve: 9,
    diez: 10,
    once: 11,
    doce: 12,
    veinte: 20,
  },
  ja: {
    ひとつ: 1,
    ふたつ: 2,
    みっつ: 3,
    よっつ: 4,
    いつつ: 5,
    むっつ: 6,
    ななつ: 7,
    やっつ: 8,
    ここのつ: 9,
    とお: 10,
    // Before the counter つ of a sample such as "{quantity}つください".
    ひと: 1,
    ふた: 2,
    みっ: 3,
    よっ: 4,
    いつ: 5,
    むっ: 6,
    なな: 7,
    やっ: 8,
    ここの: 9,
  },
};

const KANJI_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function parseEnglish(words: string): number | undefined {
  const tokens = words.split(' ').filter((t) => t !== '' && t !== 'and');
  if (tokens.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const [i, token] of tokens.entries()) {
    const unit = EN_UNITS[token];
    const ten = EN_TENS[token];
    if (unit !== undefined) {
      // "twenty one" is a number; "one two", "ten five" and "twenty twelve" are not.
      const rest = current % 100;
      if (seen && rest !== 0 && (rest < 20 || rest % 10 !== 0 || unit >= 10)) return undefined;
      current += unit;
    } else if (ten !== undefined) {
      if (seen && current % 100 !== 0) return undefined;
      current += ten;
    } else if (token === 'hundred') {
      current = (seen ? current : 1) * 100;
    } else if (token === 'thousand') {
      total += (seen ? current : 1) * 1000;
      current = 0;
    } else if ((token === 'a' || token === 'an') && i === 0 && tokens.length > 1) {
      // "a hundred": the article stands for one.
      current = 1;
    } else {
      return undefined;
    }
    seen = true;
  }
  return total + current;
}

function parseKanji(text: string): number | undefined {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (match === null || text === '') return undefined;
  const [, tensDigit, ten, unitDigit] = match;
  if (ten === undefined) {
    return tensDigit !== undefined && unitDigit === undefined ? KANJI_DIGITS[tensDigit] : undefined;
  }
  const tens = tensDigit === undefined ? 1 : (KANJI_DIGITS[tensDigit] ?? 0);
  return tens * 10 + (unitDigit === undefined ? 0 : (KANJI_DIGITS[unitDigit] ?? 0));
}

/**
 * Reads a spoken number as AMAZON.NUMBER would: digits (`2`, `2.5`), number words of the language
 * (`two`, `twenty one`, `zwei`, `deux`, `ふたつ`, `二`), or undefined when the words are not a
 * number. Returns the slot value Alexa would send, as a string of digits.
 *
 * @example
 * spokenNumber('twenty one', 'en'); // '21'
 */
export function spokenNumber(words: string, language: string): string | undefined {
  const text = words.trim();
  if (/^\d{1,9}(\.\d{1,6})?$/.test(text)) return text.replace(/^0+(?=\d)/, '');
  const value =
    language === 'en'
      ? parseEnglish(text)
      : (WORDS[language]?.[text] ?? (language === 'ja' ? parseKanji(text) : undefined));
  return value === undefined ? undefined : String(value);
}
