/** The computer the browser runs on, where it changes what keys are called (pure). */

/** Whether the browser runs on a Mac (the client hints' platform, else `navigator.platform`). */
export const runsOnMac = (nav: { platform: string; userAgentData?: { platform?: string } }): boolean =>
  /^mac/i.test(nav.userAgentData?.platform || nav.platform);
