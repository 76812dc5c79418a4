import type { Notification } from '@aviso/protocol';

/** Which extra alerts a critical notification gets; both are off unless the host turns them on. */
export interface AlertOptions {
  sound: boolean;
  desktop: boolean;
}

/**
 * A sound and a desktop notification for critical notifications (a POS counter's "look now").
 * Browsers allow audio and the permission prompt only after a user gesture, so `unlock` is
 * called from one; until then a critical notification gets its toast alone.
 */
export class CriticalAlerts {
  private audio: AudioContext | undefined;

  /** From a user gesture: starts audio, and on a click on the bell, asks for the permission. */
  unlock({ sound, desktop }: AlertOptions, ask: boolean): void {
    if (sound) {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    }
    if (desktop && ask && globalThis.Notification?.permission === 'default') {
      void Notification.requestPermission();
    }
  }

  /** Two short beeps, and a desktop notification when the page is not in front. */
  alert(n: Notification, { sound, desktop }: AlertOptions, open: () => void): void {
    const audio = this.audio;
    if (sound && audio?.state === 'running') {
      for (const at of [0, 0.25]) {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.15;
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + at);
        tone.stop(audio.currentTime + at + 0.15);
      }
    }
    if (desktop && globalThis.Notification?.permission === 'granted' && !document.hasFocus()) {
      // The tag makes every tab of the person show one desktop notification, not one each.
      const shown = new Notification(n.title || n.message, {
        body: n.title ? n.message : '',
        tag: n.id,
        requireInteraction: true,
      });
      shown.onclick = () => {
        focus();
        open();
        shown.close();
      };
    }
  }
}
