/**
 * PlaybackController: replays a finished run by moving the cursor through simulated time at a
 * chosen speed (simulated seconds per real second), one animation frame at a time. It only
 * reports new cursor times; the host owns the cursor.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PlaybackController implements ReactiveController {
  playing = false;
  speed = 300;
  private frame = 0;
  private last = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getCursor: () => number,
    private readonly getDuration: () => number,
    private readonly setCursor: (timeS: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.pause();
  }

  play(): void {
    if (this.playing || this.getDuration() <= 0) return;
    // From the end, play starts again at the beginning.
    if (this.getCursor() >= this.getDuration()) this.setCursor(0);
    this.playing = true;
    this.last = performance.now();
    this.frame = requestAnimationFrame(this.tick);
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.host.requestUpdate();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private readonly tick = (now: number): void => {
    if (!this.playing) return;
    const elapsedS = Math.min(0.25, (now - this.last) / 1000);
    this.last = now;
    const duration = this.getDuration();
    const next = Math.min(duration, this.getCursor() + elapsedS * this.speed);
    this.setCursor(next);
    if (next >= duration) {
      this.pause();
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
