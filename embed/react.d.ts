// The React component's types: its props are mount()'s options, plus the div's className
// and style.
import type { CSSProperties, ReactElement } from "react";
import type { MountOptions } from "./iam_policy_builder.js";

export interface IamPolicyBuilderProps extends MountOptions {
  /** Classes for the <div> that holds the builder's shadow root. */
  className?: string;
  /** Inline style for that <div>. */
  style?: CSSProperties;
}

/**
 * The builder, mounted after the first render and destroyed on unmount. Props are where
 * the form starts (like an input's defaultValue); change the component's `key` to start
 * again with other values.
 */
export function IamPolicyBuilder(props: IamPolicyBuilderProps): ReactElement;
