/** Block Kit limits, as Slack publishes them. */
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100, // modals and the Home tab
  sectionText: 3000,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  radioOptions: 10,
  checkboxOptions: 10,
  selectOptions: 100,
  fallbackText: 3000,
} as const;
