import { normaliseText } from './normalise';

describe(normaliseText.name, () => {
  it('should lower-case and apply NFKC to full-width letters', () => {
    expect(normaliseText('ＨＥＬＬＯ').text).toBe('hello');
  });

  it('should map Cyrillic look-alikes to Latin letters', () => {
    expect(normaliseText('\u0455u\u0456\u0441\u0456d\u0435').text).toBe('suicide');
    expect(normaliseText('k\u0456ll').text).toBe('kill');
  });

  it('should remove zero-width characters inside words', () => {
    expect(normaliseText('ki\u200Bll my\u200Dself').text).toBe('kill myself');
  });

  it('should strip accents', () => {
    expect(normaliseText('sùicìde').text).toBe('suicide');
  });

  it('should undo leetspeak inside words', () => {
    expect(normaliseText('su1c1de').text).toBe('suicide');
    expect(normaliseText('k!ll mys3lf').text).toBe('kill myself');
    expect(normaliseText('b4dw0rd').text).toBe('badword');
  });

  it('should leave counts, prices and times alone', () => {
    expect(normaliseText('I saved 40 pills, paid $20 at 7am on the 3rd').text).toBe('i saved 40 pills, paid $20 at 7am on the 3rd');
  });

  it('should keep an exclamation mark that ends a sentence', () => {
    expect(normaliseText('stop!').text).toBe('stop!');
  });

  it('should shorten letter runs without breaking double letters', () => {
    expect(normaliseText('i want to diiiiie').text).toBe('i want to die');
    expect(normaliseText('killllll').text).toBe('kill');
    expect(normaliseText('good').text).toBe('good');
  });

  it('should join spaced-out letters and split them into words when it can', () => {
    expect(normaliseText('k i l l  m y s e l f').text).toBe('kill myself');
    expect(normaliseText('k i l l m y s e l f').text).toBe('kill myself');
    expect(normaliseText('s.u.i.c.i.d.e').text).toBe('suicide');
  });

  it('should keep an unknown spaced-out word joined', () => {
    expect(normaliseText('that b a d w o r d').text).toBe('that badword');
  });

  it('should expand contractions with and without apostrophes', () => {
    expect(normaliseText("I'm not ok, I dont want to be here and can't sleep").text).toBe('i am not ok, i do not want to be here and can not sleep');
  });

  it('should read "ill" as "i will" after a word that takes a clause and before a verb, and leave being ill alone', () => {
    expect(normaliseText('i dont think ill make it through tonight').text).toBe('i do not think i will make it through tonight');
    expect(normaliseText('maybe ill just sleep').text).toBe('maybe i will just sleep');
    expect(normaliseText('i feel ill be back tomorrow').text).toBe('i feel ill be back tomorrow');
    expect(normaliseText('im mentally ill not stupid').text).toBe('i am mentally ill not stupid');
  });

  it('should produce a squashed variant without separators', () => {
    expect(normaliseText('Bad - Word!').squashed).toBe('badword');
  });

  it('should keep the original text', () => {
    expect(normaliseText('Hi THERE').original).toBe('Hi THERE');
  });
});

describe('contractions with "been"', () => {
  it('should read "she\'s been" as "she has been", and "she\'s sad" as "she is sad"', () => {
    expect(normaliseText("She's been cutting.").text).toBe('she has been cutting.');
    expect(normaliseText("It's got worse.").text).toBe('it has got worse.');
    expect(normaliseText("She's sad.").text).toBe('she is sad.');
  });
});
