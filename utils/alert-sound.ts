/**
 * The short tone played with a breach-soon notification when the agent turned the sound on (and
 * by the options' test notification). Never throws: without audio the notification still shows.
 */
export function beep(): void {
  try {
    const ac = new AudioContext();
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ac.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ac.currentTime + 0.4);
    osc.connect(gain).connect(ac.destination);
    osc.start();
    osc.stop(ac.currentTime + 0.4);
    osc.onended = () => void ac.close();
  } catch {
    /* no audio: the notification still shows */
  }
}
