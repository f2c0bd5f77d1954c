break pointers.c:20
run
print *$wasm(list->next)
print $wasm(list->label)
print *$wasm($wasm(list->next)->next)
print *$wasm(*cell)
print $wasm(third.next)
print $wasm(list) == list
