// OpenIM platform IDs (protocol constant PlatformID2Name).
export const PLATFORM_NAMES: Readonly<Record<number, string>> = {
  1: "IOS",
  2: "Android",
  3: "Windows",
  4: "OSX",
  5: "Web",
  6: "MiniWeb",
  7: "Linux",
  8: "APad",
  9: "IPad",
  10: "Admin",
  11: "HarmonyOS",
};
export const ADMIN_PLATFORM_ID = 10;
export const WEB_PLATFORM_ID = 5;
export const IOS_PLATFORM_ID = 1;

export const isPlatformID = (id: number): boolean => Number.isInteger(id) && id in PLATFORM_NAMES;
