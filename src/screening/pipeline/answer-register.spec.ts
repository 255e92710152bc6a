import { genericYouInFirstPerson, hasOwnFirstPerson, isAnswerRegister, phraseAsWritten, readRegister } from './answer-register';
import { detectCrisis } from './crisis-detector';
import { normaliseText } from './normalise';
import { modelReadableText } from './speaker-frames';

const norm = (text: string) => normaliseText(text).text;
const levelOf = (text: string, quotedPassages: string[] = []) => detectCrisis(normaliseText(text), { quotedPassages }).level;

describe('answer register and generic "you" (probe 6)', () => {
  describe('hasOwnFirstPerson', () => {
    it("should not count a helper's own phrases as the author's first person", () => {
      expect(hasOwnFirstPerson(norm("I'm sorry you have been carrying this alone."))).toBe(false);
      expect(hasOwnFirstPerson(norm('I would encourage you to tell your therapist.'))).toBe(false);
      expect(hasOwnFirstPerson(norm('In my practice, people often feel this way.'))).toBe(false);
      expect(hasOwnFirstPerson(norm('As a counselor, I often hear this from clients.'))).toBe(false);
    });

    it("should count a first person that is the author's own, even beside a helper's phrase", () => {
      expect(hasOwnFirstPerson(norm("I won't, I have the pills ready"))).toBe(true);
      expect(hasOwnFirstPerson(norm("I'm sorry, I want to die too."))).toBe(true);
      expect(hasOwnFirstPerson(norm('My therapist said to call the line.'))).toBe(true);
      expect(hasOwnFirstPerson(norm('I see no way out of this.'))).toBe(true);
      expect(hasOwnFirstPerson(norm('I hear voices at night.'))).toBe(true);
    });

    it('should count "i see" and "i hear" as a helper\'s only with a helper\'s object', () => {
      expect(hasOwnFirstPerson(norm('I hear this from many of the people I see.'))).toBe(false);
      expect(hasOwnFirstPerson(norm('I see how hard this has been.'))).toBe(false);
    });
  });

  describe('isAnswerRegister', () => {
    it('should read advice to "you" with only a helper\'s first person as an answer', () => {
      expect(isAnswerRegister(norm('When you want to die, call 988 or go to the ER, and tell your therapist afterwards.'))).toBe(true);
      expect(
        isAnswerRegister(norm("I'm sorry you are going through this. Please put the crisis line number in your phone and tell a friend how bad it has been.")),
      ).toBe(true);
    });

    it("should not read a post with the author's own first person as an answer, however much advice it gives", () => {
      expect(isAnswerRegister(norm("you should call the line. I won't, I have the pills ready"))).toBe(false);
      expect(isAnswerRegister(norm("My therapist said if you feel like killing yourself go to A&E. Well I do, and you can't make me go."))).toBe(false);
    });

    it('should never read a farewell as an answer, however it addresses the reader', () => {
      const farewell = "I'm sorry you have to find out this way. Please take care of yourselves. Tell your therapist it is not your fault. Goodbye.";
      expect(isAnswerRegister(norm(farewell))).toBe(false);
      expect(isAnswerRegister(norm("I'm sorry you have to find out this way. Please take care of yourselves. Tell your therapist it is not your fault."))).toBe(
        true,
      );
    });

    it("should not read advice told back as someone else's as an answer", () => {
      expect(isAnswerRegister(norm('Tell your therapist the truth, they said. Call the line, they said. You know what, cutting tonight anyway.'))).toBe(false);
      expect(isAnswerRegister(norm('Tell your therapist the truth. Call the line if you need to. You know what helps, too.'))).toBe(true);
    });

    it('should not read a post that does not speak to "you" with advice as an answer', () => {
      expect(isAnswerRegister(norm("relapsed into self-harm. don't judge."))).toBe(false);
      expect(isAnswerRegister(norm('You know what, cutting again tonight. Whatever.'))).toBe(false);
    });
  });

  describe('readRegister: generic "you"', () => {
    it('should read generic "you" sentences as the author\'s in a post anchored in their own present', () => {
      const text = norm('When you want to die every single day, you can not think straight. Tonight is bad.');
      const reading = readRegister(text);
      expect(reading.register).toBe('GENERIC_YOU');
      expect(genericYouInFirstPerson(text, reading.genericSentences)).toBe('when i want to die every single day, i can not think straight. tonight is bad.');
    });

    it('should not read advice after a condition on "you" as the author\'s', () => {
      expect(readRegister(norm('When you want to die, call 988 or go to the ER. Tonight is bad, I know.')).genericSentences).toHaveLength(0);
      expect(readRegister(norm('I get it. When you want to die, please call 988.')).genericSentences).toHaveLength(0);
    });

    it('should not read a reply to one reader as a generic "you"', () => {
      expect(
        readRegister(norm('It sounds like you want to kill yourself. When you feel that, I hope you call someone. I have been there.')).register,
      ).toBeNull();
    });

    it('should not read a peer who came through it, speaking to someone still in it, as the author now', () => {
      expect(
        readRegister(norm("I've been there. When you want to die, it feels like it'll never end, but it does. I'm 3 years out and glad I stayed.")).register,
      ).toBeNull();
      expect(levelOf("Been there. Once you decide to kill yourself everything goes quiet. Please call someone, I did and I'm still here.")).not.toBe('HIGH');
    });

    it('should not read a generic "you" with nothing of the author\'s own present as theirs', () => {
      expect(readRegister(norm('When you want to die, everything is grey.')).register).toBeNull();
    });
  });

  describe('genericYouInFirstPerson', () => {
    it('should put "you" as a subject in "i", as an object in "me", and leave text outside the ranges alone', () => {
      const text = 'when the pain gets you, you stop caring. you should rest.';
      expect(genericYouInFirstPerson(text, [[0, 39]])).toBe('when the pain gets me, i stop caring. you should rest.');
    });

    it('should change nothing without ranges', () => {
      expect(genericYouInFirstPerson('when you want to die', [])).toBe('when you want to die');
    });
  });

  describe('phraseAsWritten', () => {
    it('should find a phrase of the rewritten text in the words the author wrote', () => {
      const written = "when you want to die every single day, you can not think straight. you've tried, nobody tells you.";
      expect(phraseAsWritten('when i want to die every', written)).toBe('when you want to die every');
      expect(phraseAsWritten('i have tried, nobody tells me.', written)).toBe("you've tried, nobody tells you.");
    });

    it('should keep a phrase that is there as it is, or that cannot be found', () => {
      expect(phraseAsWritten('tonight is bad', 'when you want to die. tonight is bad.')).toBe('tonight is bad');
      expect(phraseAsWritten('i want to (die)', 'nothing like it')).toBe('i want to (die)');
    });
  });

  describe('the detector', () => {
    it("should quote a generic 'you' sentence to staff in the author's words, though it is read as theirs", () => {
      const assessment = detectCrisis(normaliseText('When you want to die every single day, you can not think straight. Tonight is bad.'));
      expect(assessment.level).not.toBe('NONE');
      const phrases = [...assessment.evidence.map((e) => e.phrase), ...(assessment.contributions ?? []).map((c) => c.phrase)];
      expect(phrases.length).toBeGreaterThan(0);
      expect(phrases.filter((phrase) => /\bi\b/.test(phrase))).toEqual([]);
      expect(phrases.some((phrase) => phrase.includes('you want to die'))).toBe(true);
    });

    it("should not rate an answer's advice about the reader's urges or means as the author's risk", () => {
      expect(
        levelOf(
          "I'm sorry you have been carrying this alone. Urges to cut often get louder when you are exhausted. I would encourage you to tell your therapist how often.",
        ),
      ).toBe('NONE');
      expect(
        levelOf(
          'In my practice I suggest that partners remove any stockpiled medication from the house, and call 988 together if you are worried. You can also ask his psychiatrist for a family session.',
        ),
      ).toBe('NONE');
    });

    it('should keep a clause of an answer that names the present with no one in it', () => {
      expect(levelOf('Just call the line. Just tell your therapist. You can do this. But the urge to cut is so strong tonight.')).toBe('HIGH');
      expect(levelOf('Just call the line. Just tell your therapist. You can do this. The urge to cut often peaks when you are tired.')).toBe('NONE');
      expect(levelOf('Cutting again after a long break can feel like failure. Tell your therapist, and you can add it to your safety plan.')).toBe('NONE');
    });

    it("should keep the author's own risk in second-person posts that are not answers", () => {
      expect(levelOf("relapsed into self-harm. don't judge.")).toBe('HIGH');
      expect(levelOf("I know you said to call the crisis line if I feel like this. I feel like this. I don't want to be alive.")).toBe('MODERATE');
      expect(
        levelOf(
          "My counselor told me to remove the pills from the house. I didn't. They're in my drawer and I keep thinking about taking all of them tonight.",
        ),
      ).toBe('IMMINENT');
    });

    it('should flag a client\'s generic "you" about wanting to die when the post is anchored in their present', () => {
      expect(levelOf('When you want to die every single day, you can not think straight. Tonight is bad.')).toBe('MODERATE');
      expect(levelOf('Nobody tells you how tiring it is to want to kill yourself all the time. Every day now.')).toBe('HIGH');
    });

    it('should not flag the therapist\'s "when you want to die", nor the same generic sentence with no anchor', () => {
      expect(levelOf('When you want to die, call 988 or go to the ER.')).toBe('NONE');
      expect(levelOf('When you want to die, everything is grey.')).toBe('NONE');
    });

    it('should not rewrite a generic sentence inside a quote block', () => {
      const quoted = 'When you want to die every single day, you can not think straight.';
      expect(levelOf(`${quoted}\n\nTonight is bad for me too, but I am safe.`, [quoted])).not.toBe('MODERATE');
    });
  });

  describe('modelReadableText', () => {
    it("should drop an answer's sentences that name risk for the reader", () => {
      const text = norm(
        'It takes courage to say that you have been thinking about suicide. Please book an extra session, and keep your crisis line number in your phone. Go for a walk with a friend.',
      );
      expect(modelReadableText(text)).toBe('go for a walk with a friend.');
    });

    it("should keep the same sentences in a post with the author's own first person", () => {
      const text = norm('I have been thinking about suicide. Please keep the crisis line number in your phone, you said.');
      expect(modelReadableText(text)).toContain('thinking about suicide');
    });
  });
});
