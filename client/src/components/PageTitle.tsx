import { useEffect } from 'react';
import { Title, type TitleProps } from '@mantine/core';

/**
 * A page's one heading, which also names the browser tab ("Входящие заявления · Kazgov"), so that a
 * clerk with several tabs open tells them apart and the history lists pages by name.
 */
export function PageTitle({ children, ...props }: Omit<TitleProps, 'order' | 'children'> & { children: string }) {
  useEffect(() => {
    document.title = `${children} · Kazgov`;
  }, [children]);
  return <Title order={1} {...props}>{children}</Title>;
}
