// The portal's addresses that several pages link to, written once.
export const casePath = (caseNumber: string) => `/mina-sidor/arenden/${encodeURIComponent(caseNumber)}`;
