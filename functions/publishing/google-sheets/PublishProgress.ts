/**
 * Tracks how far a publish got, so a failure can say exactly what readers see: nothing changed,
 * some tabs switched over, or a switch-over whose answer was lost (each tab is then either
 * entirely old or entirely new, never a mix).
 */
export class PublishProgress {
  private readonly committed: string[] = [];
  private inFlight: readonly string[] = [];
  private readonly allTabs: readonly string[];

  constructor(allTabs: readonly string[]) {
    this.allTabs = allTabs;
  }

  committing(tabs: readonly string[]): void {
    this.inFlight = tabs;
  }

  done(tabs: readonly string[]): void {
    this.committed.push(...tabs);
    this.inFlight = [];
  }

  /** The switch-over in flight was refused as a whole (Google applies a batch entirely or not at all). */
  rejected(): void {
    this.inFlight = [];
  }

  /** One sentence about the state the spreadsheet was left in. */
  describe(): string {
    const untouched = this.allTabs.filter((tab) => !this.committed.includes(tab) && !this.inFlight.includes(tab));
    const parts: string[] = [];
    if (this.committed.length > 0) parts.push(`published: ${list(this.committed)}`);
    if (this.inFlight.length > 0) {
      parts.push(`the switch-over of ${list(this.inFlight)} got no answer, so each of them shows either its previous or its new complete content`);
    }
    if (untouched.length > 0) {
      parts.push(
        this.committed.length === 0 && this.inFlight.length === 0
          ? 'nothing visible changed: every tab still shows its previous complete content'
          : `unchanged: ${list(untouched)}`,
      );
    }
    return parts.join('; ');
  }
}

function list(tabs: readonly string[]): string {
  return tabs.map((tab) => `"${tab}"`).join(', ');
}
