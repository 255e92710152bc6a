import { detectCrisis } from './crisis-detector';
import { normaliseText } from './normalise';
import { authorsOwnText, modelReadableText, quotedRanges } from './speaker-frames';

const assess = (text: string, quotedPassages: string[] = []) => detectCrisis(normaliseText(text), { quotedPassages });
const levelOf = (text: string, quotedPassages: string[] = []) => assess(text, quotedPassages).level;
const discountsOf = (text: string, quotedPassages: string[] = []) => assess(text, quotedPassages).evidence.map((item) => item.discount);

describe('speaker awareness', () => {
  describe('quote blocks', () => {
    const quoted = 'I want to kill myself tonight';
    const reply = `${quoted}\n\nYou are not alone, please call the crisis line, we are here.`;

    it('should not count a quoted block as the replying author crisis', () => {
      expect(levelOf(reply, [quoted])).toBe('NONE');
      expect(discountsOf(reply, [quoted])).toContain('QUOTED');
    });

    it('should still count the same words when they are not in a quote block', () => {
      expect(levelOf(reply)).toBe('HIGH');
    });

    it("should still count the author's own words after a quote block", () => {
      expect(levelOf(`${quoted}\n\nSame, I want to kill myself too.`, [quoted])).toBe('HIGH');
    });
  });

  describe('quotation marks', () => {
    it('should discount words in quotation marks', () => {
      expect(levelOf('My daughter yelled "I want to die" because I took her phone.')).toBe('NONE');
    });

    it("should count quotation marks around the author's own thoughts", () => {
      expect(levelOf('I keep thinking "I want to die" every night.')).toBe('MODERATE');
      expect(levelOf('My brain tells me "just kill yourself, kill myself, end it all"')).not.toBe('NONE');
    });

    it('should treat curly quotes like straight ones', () => {
      expect(levelOf('She screamed \u201cI want to die\u201d at dinner, she is six.')).toBe('NONE');
    });
  });

  describe('reported speech of another poster', () => {
    it('should discount what OP said', () => {
      expect(levelOf('OP said they want to kill themselves. Please reach out to them.')).toBe('NONE');
      expect(levelOf('OP wrote: I want to die. I hope they are ok.')).toBe('NONE');
    });

    it('should count the author after the reported sentence', () => {
      expect(levelOf('OP wrote: I want to die. Honestly I want to die too.')).toBe('MODERATE');
    });

    it("should count a clinician's words about the author (no colon, about me)", () => {
      expect(levelOf('My therapist said I am suicidal and need more support.')).toBe('MODERATE');
    });
  });

  describe('hypothetical and figurative', () => {
    it('should discount "that would make me want to"', () => {
      expect(levelOf('If my team loses again that would make me want to kill myself lol')).toBe('NONE');
      expect(discountsOf('That would make me want to die.')).toContain('HYPOTHETICAL');
    });

    it('should count what makes the author want to die now', () => {
      expect(levelOf('Everything makes me want to die.')).toBe('MODERATE');
    });

    it('should discount "I could kill myself" said about a mishap', () => {
      expect(levelOf('I could kill myself, I forgot my keys at the office again.')).toBe('NONE');
      expect(levelOf('Ugh I could just kill myself for forgetting her birthday.')).toBe('NONE');
    });

    it('should count "I could kill myself" without a mishap', () => {
      expect(levelOf('Some nights I could just kill myself.')).toBe('HIGH');
      expect(levelOf('I could kill myself, nobody would even notice.')).toBe('HIGH');
    });
  });

  describe('general and philosophical', () => {
    it('should discount talk about people in general', () => {
      expect(levelOf('I believe people have the right to end their life when they choose.')).toBe('NONE');
      expect(levelOf('Anyone who wants to die deserves compassion, not judgement.')).toBe('NONE');
    });

    it('should count "anyone else" (the author is one of them)', () => {
      expect(levelOf('Does anyone else want to die every morning?')).toBe('MODERATE');
    });

    it('should count the author speaking after a general statement', () => {
      expect(levelOf('People talk about the right to die, and I want to die.')).toBe('MODERATE');
    });
  });

  describe('guidance put to the reader ("if you are having")', () => {
    it("should discount a therapist's answer that names the constructs for whoever reads it", () => {
      expect(levelOf('Suicidal thoughts are common in depression; if you have a plan, call 988.')).toBe('NONE');
      expect(levelOf('If you are having thoughts of suicide, please reach out to your doctor or call 988.')).toBe('NONE');
      expect(discountsOf('If you ever want to end your life, call the crisis line.')).not.toContain(null);
    });

    it('should count the author when the same sentence speaks of them', () => {
      expect(levelOf('If you knew how often I have suicidal thoughts you would worry.')).toBe('MODERATE');
      expect(levelOf('If you ask me, I want to die.')).toBe('MODERATE');
    });

    it('should count "when you" (often the author talking about themselves)', () => {
      expect(levelOf('When you are having suicidal thoughts every night it is hard to think.')).toBe('MODERATE');
    });
  });

  describe('clinical and third person', () => {
    it('should discount clinical mentions with no person of their own', () => {
      expect(levelOf('Suicidal thoughts are common in depression and they are treatable.')).toBe('NONE');
      expect(discountsOf('Self harm is more common in teens than adults.')).toContain('CLINICAL');
      expect(levelOf('We learned about warning signs of suicidal ideation in group.')).toBe('NONE');
    });

    it('should count the author having them', () => {
      expect(levelOf('I have suicidal thoughts every day.')).toBe('MODERATE');
      expect(levelOf('My suicidal thoughts are common now, almost daily.')).toBe('MODERATE');
    });

    it('should count the author talking about their own thoughts (no clinical frame)', () => {
      expect(levelOf('It does feel good to talk about these suicidal thoughts.')).toBe('MODERATE');
      expect(levelOf('One of the attacks came with a lot of thoughts of suicide.')).toBe('MODERATE');
      expect(levelOf('I had panic attacks and one of them featured a lot of thoughts of suicide.')).toBe('MODERATE');
    });

    it('should discount a construct as the subject of a sentence saying what it generally is', () => {
      expect(levelOf('Self-harm is often a way of coping with overwhelming emotions. A therapist can help you find safer strategies.')).toBe('NONE');
      expect(levelOf('Passive thoughts of death, like wishing you would not wake up, are worth telling your clinician about.')).toBe('NONE');
      expect(discountsOf('Suicidal thoughts can be a sign that the treatment needs changing.')).toContain('CLINICAL');
    });

    it('should count the same subject when the sentence is about the author or says how it is now', () => {
      expect(levelOf('Self-harm is my only way of coping right now.')).toBe('MODERATE');
      expect(levelOf('Suicidal thoughts are back tonight.')).toBe('MODERATE');
      expect(levelOf('Thoughts of death, every single night, are how I fall asleep.')).toBe('MODERATE');
    });

    it('should discount a construct named as what something is, of no one in particular', () => {
      expect(levelOf('Wishing you would get hit by a car is a passive death wish, and it is worth telling your care team.')).toBe('NONE');
    });

    it('should count the author naming their own wish', () => {
      expect(levelOf('Honestly what I have is a death wish.')).toBe('MODERATE');
    });

    it('should discount a wish named as the thing compared with', () => {
      expect(levelOf('Wanting the pain to stop is not the same as wanting to die, and both deserve care.')).toBe('NONE');
    });

    it('should count the author comparing their own wish', () => {
      expect(levelOf('For me wanting the pain to stop turned into wanting to die.')).toBe('MODERATE');
      expect(levelOf('I am wanting to die more than ever.')).toBe('MODERATE');
    });

    it("should treat a friend's suicidal thoughts as someone else's", () => {
      expect(levelOf('My friend has suicidal thoughts and I do not know how to help.')).not.toBe('MODERATE');
    });

    it('should count the author when a friend tried and the author wants to too', () => {
      expect(levelOf('My friend tried to kill himself, and honestly I want to die as well.')).toBe('MODERATE');
    });
  });

  describe('helpers speaking of others, concepts, and advice about someone else', () => {
    it('should not count a helper speaking of the people in their care as the author', () => {
      expect(levelOf('As a peer specialist, I support people who have tried to kill themselves.')).toBe('NONE');
      expect(levelOf('Some of my clients self-harm when they feel abandoned.')).toBe('NONE');
      expect(levelOf('The patients I see often say they want to die at intake.')).toBe('NONE');
      expect(discountsOf('Someone you love who has attempted suicide may feel ashamed.')).toEqual(['CLINICAL']);
    });

    it('should count a helper who also speaks of their own risk', () => {
      expect(levelOf('My clients often tell me they want to die. Lately I want to die too.')).toBe('MODERATE');
      expect(levelOf('As a therapist I want to die some days.')).toBe('MODERATE');
    });

    it('should not count a sentence on how common or what a construct is', () => {
      expect(levelOf('It is normal for people to have thoughts of suicide after a loss.')).toBe('NONE');
      expect(levelOf("It's pretty common to have suicidal thoughts during a depressive episode.")).toBe('NONE');
      expect(levelOf('Suicidal thoughts do not necessarily mean someone is in danger.')).toBe('NONE');
    });

    it('should count the author saying the construct is common for them, or having it', () => {
      expect(levelOf('It is common for me to have thoughts of suicide.')).toBe('MODERATE');
      expect(levelOf('It is common to have thoughts of suicide, and I have them every night.')).toBe('MODERATE');
      expect(levelOf('Many people feel this way; I want to die too.')).toBe('MODERATE');
    });

    it('should treat a quoted example after "like" or "such as" as a quote in a general sentence', () => {
      expect(levelOf("Thoughts such as 'everyone would be better off without me' are a sign to reach out.")).toBe('NONE');
      expect(discountsOf("Intrusive thoughts like 'I want to die' can be a symptom of OCD.")).toEqual(['QUOTED']);
    });

    it('should treat a quoted example as a quote when the general statement comes first, the quote ending the sentence', () => {
      expect(levelOf("It's common to have passive thoughts like 'I wish I wouldn't wake up'. Please mention them to your clinician.")).toBe('NONE');
      expect(levelOf("Many people get thoughts like 'I want to die'.")).toBe('NONE');
      expect(levelOf("I have thoughts like 'I wish I wouldn't wake up'. Every night.")).toBe('MODERATE');
      expect(levelOf("Today I had thoughts like 'I want to die'.")).toBe('MODERATE');
    });

    it('should count the same example when it is the author having the thought', () => {
      expect(levelOf("I get thoughts like 'I want to die' all the time.")).toBe('MODERATE');
      expect(levelOf("Thoughts like 'I should just end it' keep coming back tonight.")).toBe('HIGH');
    });

    it("should not count advice about someone else's disclosure", () => {
      expect(levelOf('When your teen tells you he wants to die, listen without judging.')).toBe('NONE');
      expect(discountsOf('If a friend says she wants to kill herself, stay with her and call 988.')).toEqual(['GENERAL']);
    });

    it('should count the author who answers the advice with their own wish', () => {
      expect(levelOf('When someone tells you they want to die, it hits me hard because I want to die too.')).toBe('MODERATE');
    });

    it('should keep a plan the author states beside a clinical mention of suicide', () => {
      expect(levelOf('My therapist says suicidal thoughts are common, but I have a plan now.')).toMatch(/HIGH|IMMINENT/);
      expect(levelOf('I have a plan now.')).toBe('NONE');
    });
  });

  describe(quotedRanges.name, () => {
    it('should find a quote block passage in the text', () => {
      const text = 'i want to die. same here';
      expect(quotedRanges(text, ['i want to die.'])).toEqual([[0, 14]]);
    });

    it('should take a quoted example from the noun it exemplifies, in a general sentence only', () => {
      const text = "thoughts like 'i want to die' are common.";
      expect(quotedRanges(text)).toEqual([[0, 29]]);
      expect(quotedRanges("i have thoughts like 'i want to die' daily.")).toEqual([]);
    });

    it('should not count a passage that is not in the text', () => {
      expect(quotedRanges('same here', ['i want to die'])).toEqual([]);
    });
  });

  describe(authorsOwnText.name, () => {
    it('should drop the quoted ranges and keep the rest', () => {
      expect(authorsOwnText('i want to die. same here', [[0, 14]])).toBe('same here');
    });
  });

  describe(modelReadableText.name, () => {
    it('should drop general, clinical and advice sentences that say nothing of the author', () => {
      expect(modelReadableText('is it selfish to commit suicide? i read about the right to die.')).toBe('');
      expect(modelReadableText('suicidal thoughts are common in depression. if you have a plan, call 988.')).toBe('');
      expect(modelReadableText('people who attempt suicide often feel like a burden.')).toBe('');
    });

    it('should drop sentences that say what a construct is, of no one in particular', () => {
      expect(modelReadableText('wanting the pain to stop is not the same as wanting to die. self harm is often a way of coping.')).toBe('');
    });

    it('should drop a sentence about how a construct generally behaves', () => {
      expect(modelReadableText('suicidal feelings can come in waves. noticing the wave is the first skill we practise.')).toBe(
        'noticing the wave is the first skill we practise.',
      );
    });

    it('should keep a definition the author applies to themselves', () => {
      expect(modelReadableText('for me self harm is a way of coping.')).toBe('for me self harm is a way of coping.');
    });

    it('should drop a construct named as the topic of a film, book or class the author saw', () => {
      expect(modelReadableText('a movie about suicide made me cry.')).toBe('a movie made me cry.');
      expect(modelReadableText('i read a book about self harm. group was good.')).toBe('i read a book. group was good.');
      // Suicide prevention named with no first person is a topic (CLINICAL_SENTENCE): the whole sentence goes.
      expect(modelReadableText('we had a class on suicide prevention today.')).toBe('');
    });

    it("should keep the rest of the sentence, the author's own history and a construct that names no work", () => {
      expect(modelReadableText('i watched a documentary about suicide and now i want to die.')).toBe('i watched a documentary and now i want to die.');
      expect(modelReadableText('i started cutting again after that movie about suicide.')).toBe('i started cutting again after that movie.');
      expect(modelReadableText('i read a book about my self harm history.')).toBe('i read a book about my self harm history.');
      expect(modelReadableText('i think about suicide a lot.')).toBe('i think about suicide a lot.');
    });

    it("should drop a loss to suicide told of no one, and keep the author's own loss", () => {
      expect(modelReadableText('grief after losing someone to suicide can bring guilt. groups help.')).toBe('groups help.');
      expect(modelReadableText('support groups for survivors of suicide loss meet weekly.')).toBe('');
      expect(modelReadableText('i lost my brother to suicide.')).toBe('i lost my brother to suicide.');
    });

    it('should drop behaviour told as over, with the time since', () => {
      expect(modelReadableText('i used to cut but i have been clean for six years now. group was good.')).toBe('group was good.');
    });

    it('should keep behaviour that is back or still going on beside the time clean', () => {
      expect(modelReadableText('i was clean for two years but i relapsed last night.')).toBe('i was clean for two years but i relapsed last night.');
      expect(modelReadableText('three months clean and the urges are still there.')).toBe('three months clean and the urges are still there.');
    });

    it('should drop a helper speaking of the people in their care, and keep their own state', () => {
      expect(modelReadableText('as a counselor i often see clients who have tried to end their lives. healing takes time.')).toBe('healing takes time.');
      expect(modelReadableText('many of my patients say they wish they were dead.')).toBe('');
      expect(modelReadableText('as a nurse i know the doses, and i have been saving mine.')).toBe('as a nurse i know the doses, and i have been saving mine.');
      expect(modelReadableText('my clients often tell me they want to die. lately i want to die too.')).toBe('lately i want to die too.');
      expect(modelReadableText('as a nurse, ending it all is all i think about.')).toBe('as a nurse, ending it all is all i think about.');
    });

    it("should drop concept talk and advice about someone else's disclosure", () => {
      expect(modelReadableText('it is normal to have thoughts of suicide after a loss. we are here.')).toBe('we are here.');
      expect(modelReadableText('suicidal ideation does not always mean a plan.')).toBe('');
      expect(modelReadableText('when a friend tells you they want to die, stay with them.')).toBe('');
      expect(modelReadableText('it is common to have thoughts of suicide and i have them daily.')).toBe(
        'it is common to have thoughts of suicide and i have them daily.',
      );
    });

    it("should keep the author's own statements, even beside general ones", () => {
      expect(modelReadableText('is it selfish to commit suicide? i want to die.')).toBe('i want to die.');
      expect(modelReadableText('i think i have the right to die, i am done.')).toBe('i think i have the right to die, i am done.');
      expect(modelReadableText('people with depression get it. i have suicidal thoughts every day.')).toBe('i have suicidal thoughts every day.');
      expect(modelReadableText('want to die so badly tonight.')).toBe('want to die so badly tonight.');
    });
  });

  describe('sixth run (probe 3, our own words)', () => {
    it('should read how urges generally behave, and advice on a construct arising, as no one in particular', () => {
      expect(levelOf('Self-harm urges often peak in the evening. Having an ice cube ready can help.')).toBe('NONE');
      expect(levelOf('If thoughts of suicide come up, use the safety plan we made: call your sister, then the crisis line.')).toBe('NONE');
    });

    it("should keep the author's own urges and their own plan for when the thoughts come back", () => {
      expect(levelOf('My self-harm urges often peak in the evening.')).toBe('MODERATE');
      expect(levelOf('If the suicidal thoughts come back, I will call my therapist.')).toBe('MODERATE');
      expect(levelOf('If thoughts of suicide come up tonight I do not know what I will do.')).toBe('MODERATE');
    });

    it('should not give the model idioms, an explicit denial, a thought dated by the next sentence or a friend reported', () => {
      expect(modelReadableText('i am dying to see the new movie!')).toBe('i am eager to see the new movie!');
      expect(modelReadableText('this exam is going to kill me lol.')).toBe('this exam is going to wearing me out lol.');
      expect(modelReadableText('i would never kill myself, i have my kids.')).toBe(', i have my kids.');
      expect(modelReadableText('i thought about ending my life every day. that was four years ago.')).toBe('that was four years ago.');
      expect(modelReadableText('my friend said she wanted to die last night. i stayed with her.')).toBe('i stayed with her.');
    });

    it('should still give the model the rest of those sentences and what is going on now', () => {
      expect(modelReadableText('i would never kill myself but i wish i was dead.')).toBe('but i wish i was dead.');
      expect(modelReadableText('my boyfriend is going to kill me.')).toBe('my boyfriend is going to kill me.');
      expect(modelReadableText('i want to kill myself again. that was four years ago and it is back.')).toBe(
        'i want to kill myself again. that was four years ago and it is back.',
      );
      expect(modelReadableText('my friend said she wanted to die and i want to die too.')).toBe('my friend said she wanted to die and i want to die too.');
      expect(modelReadableText('i tried to kill myself once. that was four years ago.')).toBe('i tried to kill myself once. that was four years ago.');
    });
  });

  describe("therapists' answers to a client's question (probe 5, our own words)", () => {
    it('should read a generalising predicate after the construct as no one in particular', () => {
      expect(levelOf('Living with chronic suicidal thoughts can be exhausting.')).toBe('NONE');
      expect(levelOf('Often self-harm brings relief for a short time, followed by shame.')).toBe('NONE');
      expect(levelOf('Suicidal thoughts during pregnancy or after birth are more common than many people think.')).toBe('NONE');
      expect(levelOf('Urges to self-harm usually rise, peak and pass, even when it does not feel that way.')).toBe('NONE');
    });

    it("should keep the author's own construct beside the same predicates", () => {
      expect(levelOf('My suicidal thoughts can be exhausting.')).toBe('MODERATE');
      expect(levelOf('Self-harm brings me relief, I did it again tonight.')).not.toBe('NONE');
      expect(levelOf('Suicidal thoughts during the night are back again.')).toBe('MODERATE');
      expect(levelOf('My urges to self-harm usually rise at night.')).not.toBe('NONE');
      expect(levelOf('The urge to cut is so strong tonight.')).toBe('HIGH');
    });

    it('should read a construct that can be treated or managed, or its scars, as no one in particular (probe 6)', () => {
      expect(levelOf('Self-harm scars can be treated by a dermatologist; options include silicone gels.')).toBe('NONE');
      expect(levelOf('Self-harm can be managed with the right support.')).toBe('NONE');
    });

    it("should keep the author's own scars and self-harm beside the same predicates (probe 6)", () => {
      expect(levelOf('My self-harm scars can be seen by everyone and I cut again last night.')).toBe('HIGH');
      expect(levelOf('Self-harm scars can be treated, but I keep making new ones.')).not.toBe('NONE');
    });

    it('should read a construct named as what clinicians call something as a definition', () => {
      expect(levelOf('Wishing you would not wake up is what clinicians call passive suicidal ideation.')).toBe('NONE');
      expect(levelOf('I have what my doctor calls passive suicidal ideation.')).toBe('MODERATE');
    });

    it('should read a longer "if you ..." condition put to the reader as guidance', () => {
      expect(levelOf('If you are going through a period of depression or suicidal thoughts, store your guns with a friend.')).toBe('NONE');
      expect(levelOf('If you are wondering whether I still have suicidal thoughts, yes I do.')).toBe('MODERATE');
    });

    it('should read any condition followed by what the reader should do as advice', () => {
      expect(levelOf('If seeing the scars brings back urges to cut, mention that to your therapist.')).toBe('NONE');
      expect(levelOf('If the thoughts come with a wish to die or a plan, that is different, and you should tell your clinician.')).toBe('NONE');
      expect(levelOf('When suicidal thoughts start, work through the steps one by one.')).toBe('NONE');
      expect(levelOf('Ask your care team what to do if the suicidal feelings return at night.')).toBe('NONE');
      expect(levelOf('Tell your therapist that the suicidal thoughts are back.')).toBe('NONE');
    });

    it('should keep a condition the author says of themselves, or with no advice after it', () => {
      expect(levelOf('If seeing the scars brings back urges to cut, I hold ice.')).not.toBe('NONE');
      expect(levelOf('When the urge to cut hits, it is the worst.')).not.toBe('NONE');
      expect(levelOf('I do not know what to do if the suicidal feelings return tonight.')).toBe('MODERATE');
      expect(levelOf('Tell me that the suicidal thoughts will stop.')).toBe('MODERATE');
    });

    it('should read a construct warned of, watched for or asked about as clinical', () => {
      expect(levelOf('Your therapist asks about suicidal thoughts at every session.')).toBe('NONE');
      expect(levelOf('Watch for new or worsening thoughts of self-harm.')).toBe('NONE');
      expect(levelOf('Some antidepressants carry a warning about increased suicidal thoughts in young people.')).toBe('NONE');
      expect(levelOf('Many people worry that if they tell their therapist about suicidal thoughts they will be locked up.')).toBe('NONE');
    });

    it('should keep a disclosure to a clinician', () => {
      expect(levelOf('I told my therapist about the suicidal thoughts.')).toBe('MODERATE');
      expect(levelOf('My therapist asks about my suicidal thoughts every week and they are worse.')).toBe('MODERATE');
    });

    it("should read people in general after a helper's own frame as clinical talk", () => {
      expect(levelOf('In my work I have seen people who survived an attempt go on to build good lives.')).toBe('NONE');
      expect(levelOf('The weeks after a suicide attempt are a time of higher risk.')).toBe('NONE');
    });

    it('should keep the author counted among them, and their own attempt', () => {
      expect(levelOf('In my work I am one of those people who survived an attempt.')).not.toBe('NONE');
      expect(levelOf('I survived an attempt last year.')).not.toBe('NONE');
    });

    it("should read the reader's own question told back to them as theirs, not the author's", () => {
      expect(levelOf('You asked whether it is normal that the thoughts of suicide have come back.')).toBe('NONE');
      expect(levelOf('You asked me how I am: I want to die.')).toBe('MODERATE');
    });

    it('should not take "you described" for the reader\'s words when it is not followed by what they described', () => {
      expect(quotedRanges('they might be kinder than the friends you described were.')).toEqual([]);
      expect(levelOf('You described wanting to die, and I want to die too.')).toBe('MODERATE');
    });

    it('should drop a monitoring or asking sentence from the model only when it names a construct', () => {
      expect(modelReadableText('please do ask about a new therapist.')).toBe('please do ask about a new therapist.');
      expect(modelReadableText('you could just ask if they have got kids.')).toBe('you could just ask if they have got kids.');
    });

    it('should not give the model advice, warnings, monitoring, definitions and grief said of no one', () => {
      expect(modelReadableText('if your own grief ever turns into thoughts of wanting to die, tell your therapist right away.')).toBe('');
      expect(modelReadableText('some antidepressants carry a warning about increased suicidal thoughts in young people.')).toBe('');
      expect(modelReadableText('most conversations about suicidal thoughts lead to a safety plan.')).toBe('');
      expect(modelReadableText('many people worry that if they tell their therapist about suicidal thoughts they will be locked up.')).toBe('');
      // People in general are not enough: "some people are just born to suffer" is often the author's own hopelessness.
      expect(modelReadableText('some people are just born to suffer.')).toBe('some people are just born to suffer.');
      expect(modelReadableText('the weeks after a suicide attempt are a time of higher risk.')).toBe('');
      expect(modelReadableText('grief after a suicide is often complicated by guilt.')).toBe('');
      expect(modelReadableText('please know that suicide is rarely caused by one thing.')).toBe('');
      expect(modelReadableText('that is what clinicians call passive suicidal ideation.')).toBe('');
      expect(modelReadableText('in my work i have seen people who survived an attempt.')).toBe('');
    });

    it('should still give the model the same words when the author speaks of themselves', () => {
      expect(modelReadableText('if your texts stop, it is because i want to die.')).toBe('if your texts stop, it is because i want to die.');
      expect(modelReadableText('my grief after a suicide is all i have.')).toBe('my grief after a suicide is all i have.');
      expect(modelReadableText('in my work i see patients every day and i want to die.')).toBe('in my work i see patients every day and i want to die.');
    });
  });

  describe('probe 5 held-back answers (fixed after they were run once)', () => {
    it('should read asking someone else whether they have it as a question about them', () => {
      expect(levelOf('Ask her directly whether she has had any thoughts of suicide herself.')).toBe('NONE');
      expect(modelReadableText('ask him directly whether he has been thinking about killing himself.')).toBe('');
      expect(modelReadableText('when someone has attempted suicide before, take a new low seriously.')).toBe('');
    });

    it('should keep the author asked, or asking about themselves', () => {
      expect(levelOf('She asked me whether I have had any thoughts of suicide and I have.')).toBe('MODERATE');
      expect(modelReadableText('ask me whether i have been thinking about killing myself.')).toBe('ask me whether i have been thinking about killing myself.');
    });

    it("should read a construct's examples in a sentence that defines it as clinical", () => {
      expect(levelOf('Suicidal ideation exists on a spectrum, from fleeting thoughts that life is not worth living to detailed plans with a date.')).toBe(
        'NONE',
      );
      expect(levelOf('My suicidal ideation ranges from fleeting thoughts that life is not worth living to plans.')).not.toBe('NONE');
    });

    it('should read what clients ask as the people in care', () => {
      expect(levelOf('When clients ask whether the suicidal feelings will ever go away, I answer honestly.')).toBe('NONE');
      expect(levelOf('When I ask whether the suicidal feelings will ever go away, nobody answers.')).toBe('MODERATE');
    });
  });
});
