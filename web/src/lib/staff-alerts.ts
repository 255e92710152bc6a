/**
 * Opt-in alerts for staff: a short beep and, where the browser allows it, a desktop notification
 * when a new urgent case or escalation arrives. Off until the person turns it on with a click (the
 * click is what lets the page play sound), remembered in this browser only.
 */
const STORAGE_KEY = 'staff-alerts';

let audio: AudioContext | null = null;
const listeners = new Set<() => void>();

export function staffAlertsOn(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function onStaffAlertsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function beep(): void {
  if (!audio) return;
  void audio.resume();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.3);
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.3);
}

/** Called from the click that turns alerts on or off: only a click may start sound. */
export async function setStaffAlerts(on: boolean): Promise<void> {
  try {
    if (on) window.localStorage.setItem(STORAGE_KEY, 'on');
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing without storage: on for this page only.
  }
  if (on) {
    audio ??= typeof AudioContext === 'function' ? new AudioContext() : null;
    beep();
    if (typeof Notification === 'function' && Notification.permission === 'default') await Notification.requestPermission();
  }
  for (const listener of listeners) listener();
}

/** A new urgent case or escalation: nothing unless the person turned alerts on. */
export function alertStaff(title: string, body: string, tag: string): void {
  if (!staffAlertsOn()) return;
  // After a reload the page has had no click yet: the beep waits for one, the notification does not.
  beep();
  if (typeof Notification !== 'function' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some browsers allow notifications only from a service worker: the page's own words still say it.
  }
}
