break pointers.c:20
run
info args
whatis list
print *list
print list->next
print name
print name[4]
print *cell
print none
print head == list
print head->label
print greeting
print third.label
print sizeof(list)
up
print *slot
print slot == &counter
print argv[0]
print head == &first
frame 0
