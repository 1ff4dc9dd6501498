// kesu's version, in a module of its own so that `kesu --version` needs nothing else.
export const VERSION = '0.1.0';
