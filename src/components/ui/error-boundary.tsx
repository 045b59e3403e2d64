import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** Renders the fallback; `reset` clears the error and renders the children again. */
  fallback(props: { error: Error; reset: () => void }): ReactNode;
  onReset?: () => void;
  /** When any of these change, a shown error is cleared (e.g. the route path). */
  resetKeys?: readonly unknown[];
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
  keys: readonly unknown[] | undefined;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, keys: this.props.resetKeys };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    const changed =
      props.resetKeys !== undefined &&
      (state.keys === undefined ||
        props.resetKeys.length !== state.keys.length ||
        props.resetKeys.some((k, i) => !Object.is(k, state.keys?.[i])));
    if (changed) return { keys: props.resetKeys, error: null };
    return null;
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Shown to the user by the fallback; nothing is logged (errors may carry request details).
  }

  reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error) return this.props.fallback({ error: this.state.error, reset: this.reset });
    return this.props.children;
  }
}
